import { systemClock, type Clock } from './clock';

/** Offsets smaller than this are the Date header's one-second resolution and network time, not a wrong clock. */
const DEAD_BAND_MS = 2000;
const SAMPLES = 5;
const JUMP_MS = 30_000;

/**
 * The platform's time as this process sees it: the local clock corrected by the offset read from answers' `Date`
 * headers. Token expiries are kept in platform time, so windows on machines with different clocks (a remote
 * window, a laptop whose clock drifted) agree on when a token expires, and a wrong local clock cannot make the
 * extension send tokens the server already considers expired.
 */
export class ServerClock implements Clock {
  private offset = 0;
  private readonly samples: number[] = [];
  private lastHeader: string | undefined;

  constructor(private readonly local: Clock = systemClock) {}

  now(): number {
    return this.local.now() + this.offset;
  }

  /** Whether an answer's Date header has been read yet; before that, this clock is only the local one. */
  get calibrated(): boolean {
    return this.samples.length > 0;
  }

  /** Milliseconds the platform's clock is ahead of ours (0 until a Date header said otherwise). */
  get offsetMs(): number {
    return this.offset;
  }

  /** An answer's Date header; `sentAt` and `receivedAt` on the local clock. */
  observe(dateHeader: string | null, sentAt: number, receivedAt: number): void {
    // The header changes once a second; answers within the same second add nothing (and cost a Date.parse each).
    if (!dateHeader || (dateHeader === this.lastHeader && this.samples.length > 0)) return;
    this.lastHeader = dateHeader;
    const server = Date.parse(dateHeader);
    if (Number.isNaN(server)) return;
    // The header has whole seconds: the server's instant lies in [server, server + 1 s), somewhere between send and answer.
    const sample = server + 500 - (sentAt + receivedAt) / 2;
    // A clock that was set (or an emulator's that was moved) is believed at once; small wobble is smoothed.
    if (Math.abs(sample - this.offset) > JUMP_MS) this.samples.length = 0;
    this.samples.push(sample);
    if (this.samples.length > SAMPLES) this.samples.shift();
    const median = [...this.samples].sort((a, b) => a - b)[Math.floor(this.samples.length / 2)]!;
    this.offset = Math.abs(median) < DEAD_BAND_MS ? 0 : Math.round(median);
  }
}
