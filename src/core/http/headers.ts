import type { ResponseLimits } from '../rateLimit/rateGate';
import type { TransportResponse } from './transport';

function intHeader(res: TransportResponse, name: string): number | undefined {
  const raw = res.headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Retry-After is seconds on RingCentral, but proxies may send an HTTP date. */
export function retryAfterSeconds(res: TransportResponse, now: number): number | undefined {
  const raw = res.headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export function responseLimits(res: TransportResponse, now: number): ResponseLimits {
  const limits: ResponseLimits = { status: res.status };
  const limit = intHeader(res, 'x-rate-limit-limit');
  const remaining = intHeader(res, 'x-rate-limit-remaining');
  const windowSeconds = intHeader(res, 'x-rate-limit-window');
  const retryAfter = retryAfterSeconds(res, now);
  if (limit !== undefined) limits.limit = limit;
  if (remaining !== undefined) limits.remaining = remaining;
  if (windowSeconds !== undefined) limits.windowSeconds = windowSeconds;
  if (retryAfter !== undefined) limits.retryAfterSeconds = retryAfter;
  return limits;
}
