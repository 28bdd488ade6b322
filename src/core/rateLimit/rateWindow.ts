import { DEFAULT_LIMITS, MIN_PENALTY_SECONDS, type RateGroup } from './groups';

/** One request's place in the window. `at` moves to when the answer arrived, which is never before the server counted it. */
export interface Slot {
  id: string;
  at: number;
}

/**
 * What one usage-plan group has spent: the places taken in the sliding window, what the server last said, and the
 * penalty in force. Plain data, so that windows sharing a session can keep it in one file (see sharedRateBook.ts).
 */
export interface WindowState {
  limit: number;
  windowMs: number;
  remaining: number | undefined;
  /** Epoch ms until which nothing of this group may be sent; 0 when none. */
  penaltyUntil: number;
  /** In time order, oldest first. */
  slots: Slot[];
}

export interface ResponseLimits {
  status: number;
  limit?: number;
  remaining?: number;
  windowSeconds?: number;
  retryAfterSeconds?: number;
}

export function emptyWindow(group: RateGroup): WindowState {
  return { limit: DEFAULT_LIMITS[group].limit, windowMs: DEFAULT_LIMITS[group].windowSeconds * 1000, remaining: undefined, penaltyUntil: 0, slots: [] };
}

/** When the next request may leave: now, the end of the penalty, or when the oldest place leaves the window. */
export function readyAt(w: WindowState, now: number): number {
  if (w.penaltyUntil > now) return w.penaltyUntil;
  prune(w, now);
  if (w.slots.length < w.limit) return now;
  return w.slots[0]!.at + w.windowMs;
}

/** Takes a place if one is free now. */
export function take(w: WindowState, now: number, id: string): Slot | undefined {
  if (readyAt(w, now) > now) return undefined;
  const slot = { id, at: now };
  insert(w, slot);
  return slot;
}

/** A request was counted that took no place of ours (the server put it in another group than we guessed). */
export function record(w: WindowState, now: number, id: string): void {
  insert(w, { id, at: now });
}

/**
 * Feeds an answer's headers back. `sentAt` is when the request of `id` left; the slot moves to `now`.
 * A 429 starts the penalty (Retry-After, else the platform's full penalty) and replaces the window: RingCentral's
 * penalty is as long as its window, so nothing sent before the 429 still counts once it ends.
 */
export function settle(w: WindowState, id: string | undefined, sentAt: number, now: number, limits: ResponseLimits): void {
  if (id !== undefined && now > sentAt) {
    const i = indexOf(w, id);
    if (i >= 0) {
      const [slot] = w.slots.splice(i, 1);
      slot!.at = now;
      insert(w, slot!);
    }
  }
  if (limits.limit !== undefined && limits.limit > 0) w.limit = limits.limit;
  if (limits.windowSeconds !== undefined && limits.windowSeconds > 0) w.windowMs = limits.windowSeconds * 1000;
  if (limits.status === 429) {
    penalize(w, now + (limits.retryAfterSeconds ?? MIN_PENALTY_SECONDS) * 1000);
  } else if (limits.remaining !== undefined) {
    w.remaining = limits.remaining;
    padForOtherClients(w, now, sentAt, limits.remaining);
  }
}

export function penalize(w: WindowState, until: number): void {
  w.penaltyUntil = Math.max(w.penaltyUntil, until);
  w.remaining = 0;
  w.slots.length = 0;
}

/**
 * When the server has counted more than we sent, the difference is someone else's; hold places for it.
 * The server's count covers the window before this request left (`sentAt`), while our slots carry answer times,
 * so ours are counted against that earlier window: a request of ours that has already left our window may still
 * be in the server's, and must not be taken for another client's.
 */
function padForOtherClients(w: WindowState, now: number, sentAt: number, remaining: number): void {
  const since = sentAt - w.windowMs;
  let before = 0;
  while (before < w.slots.length && w.slots[before]!.at <= since) before++;
  const ours = w.slots.length - before;
  // Bounded: a window full of other clients' requests needs no more places than the limit to hold everything.
  const usedByServer = Math.min(w.limit, w.limit - remaining);
  for (let n = ours; n < usedByServer; n++) insert(w, { id: `other-${now}-${n}`, at: now });
  prune(w, now);
}

/** Slots that left the window are at the front (time order). */
function prune(w: WindowState, now: number): void {
  let expired = 0;
  while (expired < w.slots.length && w.slots[expired]!.at + w.windowMs <= now) expired++;
  if (expired > 0) w.slots.splice(0, expired);
}

/** Searched from the newest end: only requests still in flight were taken after it. */
function indexOf(w: WindowState, id: string): number {
  for (let i = w.slots.length - 1; i >= 0; i--) if (w.slots[i]!.id === id) return i;
  return -1;
}

/** Keeps time order; a new or settled slot nearly always goes last, so the walk back is short. */
function insert(w: WindowState, slot: Slot): void {
  let i = w.slots.length;
  while (i > 0 && w.slots[i - 1]!.at > slot.at) i--;
  if (i === w.slots.length) w.slots.push(slot);
  else w.slots.splice(i, 0, slot);
}
