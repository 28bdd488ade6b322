import { sleep, type Clock } from '../clock';
import { RingCentralError } from '../errors';
import { RATE_GROUPS, type RateGroup } from './groups';
import { MemoryRateBook, type RateBook } from './rateBook';
import { readyAt, record, settle, take, penalize, type ResponseLimits } from './rateWindow';

export type { ResponseLimits } from './rateWindow';

/** A place taken for one request: its id in the window and when it left. */
export interface GateSlot {
  readonly id: string;
  readonly sentAt: number;
}

export interface GateState {
  group: RateGroup;
  limit: number;
  remaining: number | undefined;
  windowSeconds: number;
  /** Epoch ms until which no request of this group may leave; undefined when none is in force. */
  penaltyUntil: number | undefined;
  /** Requests of this group held by the gate right now. */
  waiting: number;
  /** While requests are held: when the next one may leave, and why it waits. */
  nextAt: number | undefined;
  reason: 'penalty' | 'window' | undefined;
}

/** A held request looks again at least this often, so a penalty another window met, or a wake from sleep, is noticed. */
const MAX_NAP_MS = 15_000;

let slotCounter = 0;

/**
 * Holds requests of one usage-plan group so the client never provokes a 429 it could have foreseen: it keeps a
 * sliding window of what was sent (in a book shared by the windows of one session), corrects it with the server's
 * X-Rate-Limit-Remaining (other clients spend the same quota), and during a penalty sends nothing, because any
 * request sent then restarts the penalty.
 */
export class RateGate {
  private waiting = 0;
  private nextAt: number | undefined;
  private readonly listeners = new Set<(state: GateState) => void>();

  constructor(
    readonly group: RateGroup,
    private readonly clock: Clock,
    private readonly book: RateBook = new MemoryRateBook(),
    /** Someone further up (RateGates) listens too; without any listener no state is built on the request path. */
    private readonly forward?: { listening(): boolean; emit(state: GateState): void },
  ) {}

  state(): GateState {
    const now = this.clock.now();
    const w = this.book.peek(this.group);
    const penalty = w.penaltyUntil > now;
    const nextAt = this.waiting > 0 ? this.nextAt : undefined;
    return {
      group: this.group,
      limit: w.limit,
      remaining: w.remaining,
      windowSeconds: w.windowMs / 1000,
      penaltyUntil: penalty ? w.penaltyUntil : undefined,
      waiting: this.waiting,
      nextAt,
      reason: nextAt === undefined ? undefined : penalty ? 'penalty' : 'window',
    };
  }

  onDidChange(listener: (state: GateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Waits for a place in the window and takes it. With `wait: false` it throws a rateLimited error that says
   * when to try again instead of waiting.
   */
  async acquire(options: { signal?: AbortSignal; wait?: boolean } = {}): Promise<GateSlot> {
    for (;;) {
      const now = this.clock.now();
      const id = `${process.pid}.${++slotCounter}`;
      const next = await this.book.update(this.group, (w) => (take(w, now, id) ? now : readyAt(w, now)));
      if (next === now) return { id, sentAt: now };
      if (options.wait === false) throw this.heldError(next, now);
      await this.nap(next, now, options.signal);
    }
  }

  /** Waits until a request of this group could leave, without taking a place (so a caller can wait before locking). */
  async ready(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      // Read through the book, not the last copy seen: another window may have met a penalty since.
      const next = await this.book.update(this.group, (w) => readyAt(w, now));
      if (next <= now) return;
      await this.nap(next, now, signal);
    }
  }

  /** Feeds the answer's headers back for the request that took `slot`. */
  async settle(slot: GateSlot, limits: ResponseLimits): Promise<void> {
    const now = this.clock.now();
    await this.book.update(this.group, (w) => settle(w, slot.id, slot.sentAt, now, limits));
    this.emit();
  }

  /** Counts a request this gate did not hold (the server put it in this group, not the one we guessed). */
  async observe(limits: ResponseLimits): Promise<void> {
    const now = this.clock.now();
    const id = `${process.pid}.${++slotCounter}`;
    await this.book.update(this.group, (w) => {
      record(w, now, id);
      settle(w, id, now, now, limits);
    });
    this.emit();
  }

  /** @internal RateGates stops every group at once. */
  emit(): void {
    const forwarding = this.forward?.listening() === true;
    if (this.listeners.size === 0 && !forwarding) return;
    const state = this.state();
    for (const l of this.listeners) l(state);
    if (forwarding) this.forward?.emit(state);
  }

  private async nap(until: number, now: number, signal: AbortSignal | undefined): Promise<void> {
    this.waiting++;
    this.nextAt = until;
    this.emit();
    try {
      await sleep(Math.min(until - now, MAX_NAP_MS), signal);
    } catch (e) {
      if (signal?.aborted) throw new RingCentralError({ kind: 'cancelled', message: `Cancelled while waiting for RingCentral's ${this.group} rate limit.`, hint: 'Cancelled; nothing was sent.', cause: e });
      throw e;
    } finally {
      this.waiting--;
      if (this.waiting === 0) this.nextAt = undefined;
      this.emit();
    }
  }

  private heldError(next: number, now: number): RingCentralError {
    const w = this.book.peek(this.group);
    return new RingCentralError({
      kind: 'rateLimited',
      code: 'CMN-301',
      message: `RingCentral ${this.group} rate limit: next request allowed at ${new Date(next).toLocaleTimeString()}.`,
      retryAfter: Math.ceil((next - now) / 1000),
      rateLimit: { group: this.group, limit: w.limit, remaining: w.remaining ?? 0, windowSeconds: w.windowMs / 1000 },
    });
  }
}

/** The gates of one session's client, one per group, all on one book. */
export class RateGates {
  private readonly gates = new Map<RateGroup, RateGate>();
  private readonly listeners = new Set<(state: GateState) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly book: RateBook = new MemoryRateBook(),
  ) {}

  get(group: RateGroup): RateGate {
    let gate = this.gates.get(group);
    if (!gate) {
      gate = new RateGate(group, this.clock, this.book, {
        listening: () => this.listeners.size > 0,
        emit: (state) => {
          for (const l of this.listeners) l(state);
        },
      });
      this.gates.set(group, gate);
    }
    return gate;
  }

  /** A 429 that names no group is an account- or IP-level limit: every group waits it out. */
  async penalizeAll(until: number): Promise<void> {
    await this.book.updateAll((w) => penalize(w, until));
    for (const group of RATE_GROUPS) this.get(group).emit();
  }

  /** Any group's state changed: a penalty began or ended, requests are held or released. */
  onDidChange(listener: (state: GateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

}
