import type { RateGroup } from './groups';
import { emptyWindow, type WindowState } from './rateWindow';

/**
 * Where the rate-limit windows live. Every window of one user and app shares the platform's quota, so windows that
 * share a session should share the book (sharedRateBook.ts); a single process keeps it in memory.
 */
export interface RateBook {
  /** Runs `change` on the group's window as it is now; in a shared book, read, changed and written under a lock. */
  update<T>(group: RateGroup, change: (w: WindowState) => T): Promise<T>;
  /** Runs `change` on every group's window at once (a 429 that names no group stops them all). */
  updateAll(change: (w: WindowState, group: RateGroup) => void): Promise<void>;
  /** The window as last seen here, for display only. */
  peek(group: RateGroup): WindowState;
}

export class MemoryRateBook implements RateBook {
  private readonly windows = new Map<RateGroup, WindowState>();

  update<T>(group: RateGroup, change: (w: WindowState) => T): Promise<T> {
    return Promise.resolve(change(this.peek(group)));
  }

  updateAll(change: (w: WindowState, group: RateGroup) => void): Promise<void> {
    for (const group of ['Light', 'Medium', 'Heavy', 'Auth'] as const) change(this.peek(group), group);
    return Promise.resolve();
  }

  peek(group: RateGroup): WindowState {
    let w = this.windows.get(group);
    if (!w) this.windows.set(group, (w = emptyWindow(group)));
    return w;
  }
}
