import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { Transport } from './transport';

// Kept apart from transport.ts so the extension bundle, which uses VS Code's fetch, does not carry undici.
/**
 * Outside VS Code (tests, bench, scripts): undici with HTTPS_PROXY / HTTP_PROXY / NO_PROXY honoured, read when the
 * transport is made.
 */
export function undiciTransport(): Transport {
  const dispatcher = new EnvHttpProxyAgent();
  return ({ method, url, headers, body, signal }) =>
    undiciFetch(url, { method, headers, signal, redirect: 'manual', dispatcher, ...(body === undefined ? {} : { body }) });
}
