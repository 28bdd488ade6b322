import { sleep, type Clock } from '../clock';
import { RingCentralError } from '../errors';
import { DEFAULT_LIMITS, MIN_PENALTY_SECONDS, type RateGroup } from './groups';

/** One request's place in the window. Its time moves to when the answer arrived, which is never before the server counted it. */
interface Slot {
  at: number;
}

export interface GateState {
  group: RateGroup;
  limit: number;
  remaining: number | undefined;
  windowSeconds: number;
  /** Epoch ms until which no request of this group may leave; undefined when none is in force. */
  penaltyUntil: number | undefined;
}

export interface ResponseLimits {
  status: number;
  limit?: number;
  remaining?: number;
  windowSeconds?: number;
  retryAfterSeconds?: number;
}

/**
 * Holds requests of one usage-plan group so the client never provokes a 429 it could have foreseen:
 * it keeps its own sliding window of what it sent, corrects it with the server's X-Rate-Limit-Remaining
 * (other clients spend the same quota), and during a penalty sends nothing, because any request sent
 * then restarts the penalty.
 */
export class RateGate {
  private limit: number;
  private windowMs: number;
  private remaining: number | undefined;
  private penaltyUntil = 0;
  private readonly slots: Slot[] = [];
  private readonly listeners = new Set<(state: GateState) => void>();

  constructor(
    readonly group: RateGroup,
    private readonly clock: Clock,
  ) {
    this.limit = DEFAULT_LIMITS[group].limit;
    this.windowMs = DEFAULT_LIMITS[group].windowSeconds * 1000;
  }

  state(): GateState {
    const now = this.clock.now();
    return {
      group: this.group,
      limit: this.limit,
      remaining: this.remaining,
      windowSeconds: this.windowMs / 1000,
      penaltyUntil: this.penaltyUntil > now ? this.penaltyUntil : undefined,
    };
  }

  onDidChange(listener: (state: GateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes a place at once if the window has one (no penalty in force, room left); otherwise returns undefined. */
  tryAcquire(): Slot | undefined {
    const now = this.clock.now();
    return this.readyAt(now) <= now ? this.take(now) : undefined;
  }

  /**
   * Waits for a place in the window and takes it. With `wait: false` it throws a rateLimited error that says
   * when to try again instead of waiting.
   */
  async acquire(options: { signal?: AbortSignal; wait?: boolean } = {}): Promise<Slot> {
    for (;;) {
      const now = this.clock.now();
      const readyAt = this.readyAt(now);
      if (readyAt <= now) return this.take(now);
      if (options.wait === false) {
        throw new RingCentralError({
          kind: 'rateLimited',
          code: 'CMN-301',
          message: `RingCentral ${this.group} rate limit: next request allowed at ${new Date(readyAt).toLocaleTimeString()}.`,
          retryAfter: Math.ceil((readyAt - now) / 1000),
          rateLimit: { group: this.group, limit: this.limit, remaining: this.remaining ?? 0, windowSeconds: this.windowMs / 1000 },
        });
      }
      await sleep(readyAt - now, options.signal);
    }
  }

  /** Feeds the answer's headers back; `slot` is the place taken by that request. */
  settle(slot: Slot, limits: ResponseLimits): void {
    const now = this.clock.now();
    const sentAt = slot.at;
    if (now > slot.at) {
      // The slot moves to the answer's time, which keeps the list in time order: it goes (nearly always) last.
      const i = this.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      slot.at = now;
      if (i >= 0) this.insert(slot);
    }
    if (limits.limit !== undefined && limits.limit > 0) this.limit = limits.limit;
    if (limits.windowSeconds !== undefined && limits.windowSeconds > 0) this.windowMs = limits.windowSeconds * 1000;
    if (limits.status === 429) {
      const seconds = limits.retryAfterSeconds ?? MIN_PENALTY_SECONDS;
      this.penaltyUntil = Math.max(this.penaltyUntil, now + seconds * 1000);
      this.remaining = 0;
      // The penalty replaces the window: RingCentral's penalty is as long as its window, so nothing sent
      // before the 429 still counts once it ends.
      this.slots.length = 0;
    } else if (limits.remaining !== undefined) {
      this.remaining = limits.remaining;
      this.padForOtherClients(now, sentAt, limits.remaining);
    }
    if (this.listeners.size > 0) this.emit();
  }

  /** Gives back a place for a request that never reached the server (refused connection, cancelled before sending). */
  release(slot: Slot): void {
    const i = this.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private take(now: number): Slot {
    const slot = { at: now };
    this.insert(slot);
    return slot;
  }

  /**
   * Slots are kept in time order (oldest first). Every time in the list was read from the clock before `slot.at`
   * was, so a new or settled slot goes last; the walk back only matters if the clock went backwards.
   */
  private insert(slot: Slot): void {
    let i = this.slots.length;
    while (i > 0 && this.slots[i - 1]!.at > slot.at) i--;
    if (i === this.slots.length) this.slots.push(slot);
    else this.slots.splice(i, 0, slot);
  }

  /** Where `slot` is, searched from the newest end: only slots taken after it (requests still in flight) are passed. */
  private indexOf(slot: Slot): number {
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const s = this.slots[i]!;
      if (s === slot) return i;
      if (s.at < slot.at) return -1;
    }
    return -1;
  }

  private readyAt(now: number): number {
    if (this.penaltyUntil > now) return this.penaltyUntil;
    this.prune(now);
    if (this.slots.length < this.limit) return now;
    return this.slots[0]!.at + this.windowMs;
  }

  /** Drops the slots that have left the window; in time order, they are the ones at the front. */
  private prune(now: number): void {
    let expired = 0;
    while (expired < this.slots.length && this.slots[expired]!.at + this.windowMs <= now) expired++;
    if (expired > 0) this.slots.splice(0, expired);
  }

  /**
   * When the server has counted more than we sent, the difference is someone else's; hold places for it.
   * The server's count covers the window before this request left (`sentAt`), while our slots are stamped
   * with answer times, so ours are counted against that earlier window: a request of ours that has already
   * left our window may still be in the server's, and must not be taken for another client's.
   * In time order, the slots that ended before that window are at the front, and `prune` drops them right after,
   * so counting them costs nothing over the run.
   */
  private padForOtherClients(now: number, sentAt: number, remaining: number): void {
    const since = sentAt - this.windowMs;
    let before = 0;
    while (before < this.slots.length && this.slots[before]!.at <= since) before++;
    const ours = this.slots.length - before;
    const usedByServer = this.limit - remaining;
    for (let n = ours; n < usedByServer; n++) this.insert({ at: now });
    this.prune(now);
  }

  private emit(): void {
    const state = this.state();
    for (const l of this.listeners) l(state);
  }
}

export class RateGates {
  private readonly gates = new Map<RateGroup, RateGate>();
  constructor(private readonly clock: Clock) {}

  get(group: RateGroup): RateGate {
    let gate = this.gates.get(group);
    if (!gate) {
      gate = new RateGate(group, this.clock);
      this.gates.set(group, gate);
    }
    return gate;
  }

  all(): RateGate[] {
    return [...this.gates.values()];
  }
}
