import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from './api';
import type { Reply } from './errors';

const MAX_BODY = 1024 * 1024;

/** One request in flight: what arrived, where the answer goes, and its log entry. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  /** Rate-limit headers decided for this request, added to whatever it answers. */
  rateHeaders: Record<string, string>;
  /** The answer is computed as usual and then dropped with the connection (fault `resetAfter`). */
  dropAnswer?: boolean;
  /** The answer is computed as usual and sent this many ms later (fault `slowAnswer`). */
  answerDelayMs?: number;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function baseHeaders(): Record<string, string> {
  return { 'Content-Language': 'en-US', RCRequestId: randomUUID() };
}

function writable(ex: Exchange): boolean {
  return !ex.res.headersSent && !ex.res.destroyed && !ex.req.socket.destroyed;
}

/** Ends the exchange with a TCP reset and no answer, as a dropped connection does. */
export function dropConnection(ex: Exchange): void {
  const socket = ex.req.socket;
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/** Answers with raw bytes; records the status. */
export function sendRaw(
  ex: Exchange,
  status: number,
  contentType: string | undefined,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (!writable(ex)) return;
  if (ex.answerDelayMs !== undefined) {
    const ms = ex.answerDelayMs;
    ex.answerDelayMs = undefined;
    setTimeout(() => sendRaw(ex, status, contentType, body, headers), ms);
    return;
  }
  if (ex.dropAnswer) {
    ex.record.status = status;
    ex.record.dropped = true;
    dropConnection(ex);
    return;
  }
  const all: Record<string, string> = { ...baseHeaders(), ...ex.rateHeaders, ...headers };
  if (contentType !== undefined) all['Content-Type'] = contentType;
  all['Content-Length'] = String(Buffer.byteLength(body));
  ex.record.status = status;
  ex.res.writeHead(status, all);
  ex.res.end(body);
}

export const JSON_TYPE = 'application/json; charset=UTF-8';

export function sendJson(ex: Exchange, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendRaw(ex, status, JSON_TYPE, JSON.stringify(body), headers);
}

export function sendReply(ex: Exchange, reply: Reply): void {
  sendJson(ex, reply.status, reply.body, reply.headers);
}

export function sendEmpty(ex: Exchange, status: number, headers: Record<string, string> = {}): void {
  sendRaw(ex, status, undefined, '', headers);
}

export function redirect(ex: Exchange, location: string): void {
  sendRaw(ex, 302, undefined, '', { Location: location });
}

/** `Authorization: Basic base64(id:secret)` → {id, secret}; undefined if absent or not Basic. */
export function parseBasic(header: string | undefined): { id: string; secret: string } | 'malformed' | undefined {
  if (header === undefined) return undefined;
  const m = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) return 'malformed';
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** `Authorization: Bearer <token>` → token; undefined when missing or another scheme. */
export function parseBearer(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}
