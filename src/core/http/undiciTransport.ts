import { Agent, EnvHttpProxyAgent, request } from 'undici';
import { BodyTooLargeError, MAX_BODY_BYTES, type Transport, type TransportOptions } from './transport';

/**
 * Outside VS Code (tests, bench, scripts): undici with HTTPS_PROXY / HTTP_PROXY / NO_PROXY honoured (the proxy
 * variables are read when the transport is made). `undici.request` rather than `undici.fetch`: the WHATWG layer
 * doubled the cost of a loopback call in the benchmarks, and the client never wants redirects followed anyway.
 * Kept apart from transport.ts so the extension bundle, which uses VS Code's fetch, does not carry undici.
 */
export function undiciTransport(options: TransportOptions = {}): Transport {
  const maxResponseSize = options.maxBodyBytes ?? MAX_BODY_BYTES;
  // Without a proxy variable EnvHttpProxyAgent sends everything through a plain Agent anyway (NO_PROXY only
  // exempts hosts from a proxy), but it still parses the origin and reads NO_PROXY on every request.
  // Read as EnvHttpProxyAgent reads them: the lower-case name wins, and an empty value means no proxy.
  const env = process.env;
  const proxied = Boolean(env.http_proxy ?? env.HTTP_PROXY) || Boolean(env.https_proxy ?? env.HTTPS_PROXY);
  // undici counts body bytes as they arrive and destroys the socket past maxResponseSize, so the cap costs
  // nothing per request (a JavaScript loop over the chunks would).
  const dispatcher = proxied ? new EnvHttpProxyAgent({ maxResponseSize }) : new Agent({ maxResponseSize });
  return async ({ method, url, headers, body, signal }) => {
    const res = await request(url, { method: method as 'GET', headers, signal, dispatcher, body }).catch((e: unknown) => {
      throw tooLarge(e, maxResponseSize) ?? e;
    });
    return {
      status: res.statusCode,
      headers: {
        get(name: string): string | null {
          const value = res.headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
        },
      },
      text: () =>
        res.body.text().catch((e: unknown) => {
          throw tooLarge(e, maxResponseSize) ?? e;
        }),
    };
  };
}

function tooLarge(e: unknown, limit: number): BodyTooLargeError | undefined {
  return (e as { code?: unknown } | null)?.code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE' ? new BodyTooLargeError(limit) : undefined;
}
