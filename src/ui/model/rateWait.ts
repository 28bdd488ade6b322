import type { GateState } from '../../core/rateLimit/rateGate';

/** What a wait message needs from a rate gate's state (GateState in src/core/rateLimit/rateGate.ts). */
export type RateWait = Pick<GateState, 'group' | 'limit' | 'windowSeconds' | 'reason' | 'nextAt'>;

/** "10 a minute", "10 per 2 s", "1,000 an hour". */
export function limitText(limit: number, windowSeconds: number): string {
  const n = limit.toLocaleString('en-US');
  if (windowSeconds === 60) return `${n} a minute`;
  if (windowSeconds === 3600) return `${n} an hour`;
  if (windowSeconds === 1) return `${n} a second`;
  if (windowSeconds % 60 === 0) return `${n} per ${windowSeconds / 60} minutes`;
  return `${n} per ${windowSeconds} s`;
}

/** "42 s", "1 min 30 s", "2 min"; never "0 s" while something still waits. */
export function secondsText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}

/**
 * Why a load stands still and for how long, in the words of the view message, the progress notification and the
 * status bar tooltip: "waiting for RingCentral's rate limit (Heavy, 10 a minute): next page in 42 s". During a
 * penalty (the server answered 429) it says so, because then nothing at all is sent until it ends.
 */
export function rateWaitText(wait: RateWait, now: number, what = 'page'): string {
  const limit = `${wait.group}, ${limitText(wait.limit, wait.windowSeconds)}`;
  const eta = wait.nextAt === undefined ? 'shortly' : `in ${secondsText(wait.nextAt - now)}`;
  return wait.reason === 'penalty'
    ? `waiting out RingCentral's rate-limit penalty (${limit}): next ${what} ${eta}`
    : `waiting for RingCentral's rate limit (${limit}): next ${what} ${eta}`;
}
