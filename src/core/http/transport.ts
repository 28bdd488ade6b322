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
  /** The whole body as text; rejects with `BodyTooLargeError`, having stopped reading, past the transport's cap. */
  text(): Promise<string>;
}

/** The one way the client reaches the network; injected so VS Code's patched fetch and plain undici are interchangeable. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * Most of a body the client reads into memory: 32 MiB. A page of 1000 phone numbers is about 0.4 MB and one of 1000
 * extensions about 0.6 MB (measured on the emulator; real records run a few times larger), so this leaves room for
 * any page "Call API…" may fetch, while a proxy or server that streams without end cannot fill the extension host.
 */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface TransportOptions {
  /** Bytes of body read before giving up with `BodyTooLargeError` (default `MAX_BODY_BYTES`). */
  maxBodyBytes?: number;
}

/** A body longer than the transport reads; the connection was closed after `limitBytes`. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The response body is larger than ${limitBytes} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; redirect: 'manual' },
) => Promise<FetchResponse>;

/**
 * Wraps any fetch. Inside VS Code this is the extension host's global fetch, which VS Code patches to honour
 * `http.proxy`, PAC files and system certificates.
 */
export function fetchTransport(fetchImpl: FetchLike, options: TransportOptions = {}): Transport {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  return async ({ method, url, headers, body, signal }) => {
    const res = await fetchImpl(url, { method, headers, signal, redirect: 'manual', ...(body === undefined ? {} : { body }) });
    return { status: res.status, headers: res.headers, text: () => readStream(res, limit) };
  };
}

/** Reads chunk by chunk, so a body past `limit` is cut off (and its connection closed) instead of buffered whole. */
async function readStream(res: FetchResponse, limit: number): Promise<string> {
  if (!res.body) return '';
  if (Number(res.headers.get('content-length') ?? 0) > limit) {
    await res.body.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limit);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}
