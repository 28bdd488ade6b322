import type { EmulatorClock } from './api';

/**
 * Emulator time: real time plus an offset that tests can push forward. Real waits therefore
 * still pass time (a client that sleeps through a penalty sees it end), and `advance` lets a test
 * jump over token lifetimes and rate windows without waiting.
 */
export class OffsetClock implements EmulatorClock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`clock.advance expects a non-negative number of ms, got ${ms}`);
    }
    this.offset += ms;
  }
}
