export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The one way the client reaches the network; injected so VS Code's patched fetch and plain undici are interchangeable. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; redirect: 'manual' },
) => Promise<TransportResponse>;

/**
 * Wraps any fetch. Inside VS Code this is the extension host's global fetch, which VS Code patches to honour
 * `http.proxy`, PAC files and system certificates.
 */
export function fetchTransport(fetchImpl: FetchLike): Transport {
  return ({ method, url, headers, body, signal }) =>
    fetchImpl(url, { method, headers, signal, redirect: 'manual', ...(body === undefined ? {} : { body }) });
}
