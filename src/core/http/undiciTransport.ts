import { EnvHttpProxyAgent, request } from 'undici';
import type { Transport } from './transport';

/**
 * Outside VS Code (tests, bench, scripts): undici with HTTPS_PROXY / HTTP_PROXY / NO_PROXY honoured (the proxy
 * variables are read when the transport is made). `undici.request` rather than `undici.fetch`: the WHATWG layer
 * doubled the cost of a loopback call in the benchmarks, and the client never wants redirects followed anyway.
 * Kept apart from transport.ts so the extension bundle, which uses VS Code's fetch, does not carry undici.
 */
export function undiciTransport(): Transport {
  const dispatcher = new EnvHttpProxyAgent();
  return async ({ method, url, headers, body, signal }) => {
    const res = await request(url, { method: method as 'GET', headers, signal, dispatcher, ...(body === undefined ? {} : { body }) });
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
