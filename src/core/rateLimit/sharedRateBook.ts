import { FileLock } from '../coordination/fileLock';
import { HEADER_CAPS } from '../http/headers';
import { readJsonFile, writeJsonFile } from '../coordination/jsonFile';
import { RATE_GROUPS, type RateGroup } from './groups';
import type { RateBook } from './rateBook';
import { emptyWindow, type WindowState } from './rateWindow';

type Windows = Partial<Record<RateGroup, WindowState>>;

/**
 * The rate-limit windows in one file that every VS Code window on this machine reads and writes under a short
 * lock: what one window sent counts against the others' room, and a penalty one window met holds them all, so
 * windows loading together neither overrun the quota nor restart each other's penalty.
 */
export class SharedRateBook implements RateBook {
  private readonly lock: FileLock;
  private seen: Windows = {};

  constructor(private readonly file: string) {
    // Held for a read and a write only; a holder that dies is found by its pid, one that hangs after 5 s.
    this.lock = new FileLock(`${file}.lock`, { staleMs: 5000, heartbeatMs: 1000, pollMs: 2 });
  }

  async update<T>(group: RateGroup, change: (w: WindowState) => T): Promise<T> {
    let result!: T;
    await this.transact((all) => {
      const w = (all[group] ??= emptyWindow(group));
      result = change(w);
    });
    return result;
  }

  updateAll(change: (w: WindowState, group: RateGroup) => void): Promise<void> {
    return this.transact((all) => {
      for (const group of RATE_GROUPS) change((all[group] ??= emptyWindow(group)), group);
    });
  }

  peek(group: RateGroup): WindowState {
    return this.seen[group] ?? emptyWindow(group);
  }

  private async transact(change: (all: Windows) => void): Promise<void> {
    const held = await this.lock.acquire();
    try {
      const all = parse(await readJsonFile(this.file));
      change(all);
      await writeJsonFile(this.file, all);
      this.seen = all;
    } finally {
      await held.release();
    }
  }
}

/**
 * Keeps only well-formed windows, held to the same caps as the headers they came from: the file is shared, and a
 * damaged or planted one must neither stop requests for days nor make a window of millions of places.
 */
function parse(raw: unknown): Windows {
  const out: Windows = {};
  if (!raw || typeof raw !== 'object') return out;
  const latest = Date.now() + HEADER_CAPS.maxWaitSeconds * 1000;
  for (const group of RATE_GROUPS) {
    const w = (raw as Record<string, unknown>)[group] as Partial<WindowState> | undefined;
    if (!w || typeof w.limit !== 'number' || typeof w.windowMs !== 'number' || typeof w.penaltyUntil !== 'number' || !Array.isArray(w.slots)) continue;
    const limit = Math.min(Math.max(1, w.limit), HEADER_CAPS.maxLimit);
    const slots = w.slots.filter((s): s is WindowState['slots'][number] => typeof s?.id === 'string' && typeof s.at === 'number').slice(-limit);
    out[group] = {
      limit,
      windowMs: Math.min(Math.max(1000, w.windowMs), HEADER_CAPS.maxWaitSeconds * 1000),
      penaltyUntil: Math.min(w.penaltyUntil, latest),
      remaining: typeof w.remaining === 'number' ? w.remaining : undefined,
      slots,
    };
  }
  return out;
}
