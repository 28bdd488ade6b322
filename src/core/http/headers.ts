import type { ResponseLimits } from '../rateLimit/rateGate';
import type { TransportResponse } from './transport';

/**
 * Bounds on what a response header can make the client do. Headers come from RingCentral, but also from any proxy
 * or gateway on the way (or a hostile server named in the settings), and each value below decides how long the
 * client waits or how much it keeps in memory.
 */
export const HEADER_CAPS = {
  /**
   * Longest wait a Retry-After (or the rate window) can impose: 10 minutes. RingCentral's penalty is 60 s (API.md,
   * "Rate limits"), so this is ten times anything the platform sends; a larger value comes from something else, and
   * obeying it would freeze a group of requests for days. Coming back early costs at most one more 429.
   */
  maxWaitSeconds: 600,
  /**
   * Largest X-Rate-Limit-Limit believed: 100,000 requests per window. The documented plans allow 5 to 50 a minute
   * (the docs' own example shows 1,000); the rate gate keeps a place per request in its window, so a hostile
   * limit of millions would otherwise cost a place per unit.
   */
  maxLimit: 100_000,
} as const;

/** A non-negative whole number, or undefined when the header is absent or not a number. */
function countHeader(res: TransportResponse, name: string): number | undefined {
  const raw = res.headers.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? Math.max(0, Math.floor(n)) : undefined;
}

/** Retry-After is seconds on RingCentral, but proxies may send an HTTP date. Capped at `HEADER_CAPS.maxWaitSeconds`. */
export function retryAfterSeconds(res: TransportResponse, now: number): number | undefined {
  const raw = res.headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  let seconds: number;
  if (Number.isFinite(n)) seconds = Math.ceil(n);
  else {
    const date = Date.parse(raw);
    if (Number.isNaN(date)) return undefined;
    seconds = Math.ceil((date - now) / 1000);
  }
  return Math.min(HEADER_CAPS.maxWaitSeconds, Math.max(0, seconds));
}

/**
 * The rate-limit headers of an answer, each within `HEADER_CAPS`. A limit or window of 0 says nothing usable and is
 * left out; `remaining` never exceeds the (capped) limit, so "the server counted more than we sent" stays bounded.
 */
export function responseLimits(res: TransportResponse, now: number): ResponseLimits {
  const limits: ResponseLimits = { status: res.status };
  const rawLimit = countHeader(res, 'x-rate-limit-limit');
  const limit = rawLimit === undefined || rawLimit === 0 ? undefined : Math.min(rawLimit, HEADER_CAPS.maxLimit);
  const remaining = countHeader(res, 'x-rate-limit-remaining');
  const windowSeconds = countHeader(res, 'x-rate-limit-window');
  const retryAfter = retryAfterSeconds(res, now);
  if (limit !== undefined) limits.limit = limit;
  if (remaining !== undefined) limits.remaining = Math.min(remaining, limit ?? HEADER_CAPS.maxLimit);
  if (windowSeconds !== undefined && windowSeconds > 0) limits.windowSeconds = Math.min(windowSeconds, HEADER_CAPS.maxWaitSeconds);
  if (retryAfter !== undefined) limits.retryAfterSeconds = retryAfter;
  return limits;
}
