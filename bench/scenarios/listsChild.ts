/**
 * Child process of scenario 7 (run with --expose-gc): loads the company numbers alone, or the numbers and the
 * extension directory together and joins them, as the Phone Numbers and Users views hold them; samples memory.
 */
import { extensionList } from '../../src/core/lists/extensionList';
import { phoneNumberList } from '../../src/core/lists/phoneNumberList';
import { joinUsersWithNumbers } from '../../src/core/lists/usersWithNumbers';
import { childMain, gc } from '../lib/child';
import { makeOurs, signInOurs, type Target } from '../lib/clients';

export interface ListsMemoryInput {
  target: Target;
  /** 'numbers': today's Phone Numbers view alone; 'both': with the Users view (extensions and the join). */
  what: 'numbers' | 'both';
}

export interface ListsMemoryOutput {
  numbers: number;
  extensions: number;
  baselineHeap: number;
  peakRss: number;
  peakHeap: number;
  heldHeap: number;
}

childMain<ListsMemoryInput, ListsMemoryOutput>(async ({ target, what }) => {
  const ours = makeOurs(target);
  await signInOurs(ours, target);
  gc();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = (): void => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  const timer = setInterval(sample, 2);
  const collect = async <T extends object>(it: AsyncGenerator<{ records: T[] }>): Promise<T[]> => {
    const all: T[] = [];
    for await (const page of it) {
      for (const r of page.records) all.push(r);
      sample();
    }
    return all;
  };
  const [numbers, extensions] = await Promise.all([
    collect(ours.api.list(phoneNumberList, { perPage: 1000 })),
    what === 'both' ? collect(ours.api.list(extensionList, { perPage: 1000 })) : Promise.resolve([]),
  ]);
  const joined = what === 'both' ? joinUsersWithNumbers(extensions, numbers) : undefined;
  sample();
  clearInterval(timer);
  gc();
  const held = process.memoryUsage();
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  // Keep everything reachable until measured.
  if (numbers.length === 0 || (what === 'both' && (joined?.users.length ?? 0) !== extensions.length)) throw new Error('nothing loaded');
  return { numbers: numbers.length, extensions: extensions.length, baselineHeap: base.heapUsed, peakRss, peakHeap, heldHeap: held.heapUsed };
});
