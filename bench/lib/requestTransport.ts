/**
 * A candidate for the core's Node transport, kept here to measure it: `undici.request` (the plain dispatcher
 * API) instead of `undici.fetch` (the WHATWG layer on top of it), same EnvHttpProxyAgent, same Transport shape.
 * Used only for an informational row of the overhead scenario; the headline rows use the core's own transport.
 */
import { EnvHttpProxyAgent, request } from 'undici';
import type { Transport } from '../../src/core/http/transport';

export function undiciRequestTransport(): Transport {
  const dispatcher = new EnvHttpProxyAgent();
  return async ({ method, url, headers, body, signal }) => {
    const res = await request(url, { method, headers, signal, dispatcher, ...(body === undefined ? {} : { body }) });
    return {
      status: res.statusCode,
      headers: {
        get(name: string): string | null {
          const value = res.headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
        },
      },
      text: () => res.body.text(),
    };
  };
}
