/**
 * Child process of scenario 4 (run with --expose-gc): fetches every company number with one client and holds
 * them, sampling RSS and heap. Its memory is its own: the emulator runs in the parent.
 */
import { childMain, gc } from '../lib/child';
import { inventoryOurs, inventorySdk, makeOurs, makeSdk, signInOurs, signInSdk, type Target } from '../lib/clients';
import { msSince, now } from '../lib/stats';

export interface MemoryInput {
  target: Target;
  who: 'ours' | 'sdk';
  n: number;
}

export interface MemoryOutput {
  records: number;
  baselineRss: number;
  baselineHeap: number;
  peakRss: number;
  peakHeap: number;
  heldRss: number;
  heldHeap: number;
  bytesPerRecord: number;
  fetchMs: number;
}

childMain<MemoryInput, MemoryOutput>(async ({ target, who, n }) => {
  const held: unknown[] = [];
  let walk: () => Promise<number>;
  const keep = (records: readonly unknown[]): void => {
    for (const r of records) held.push(r);
    sample();
  };
  if (who === 'ours') {
    const ours = makeOurs(target);
    await signInOurs(ours, target);
    walk = () => inventoryOurs(ours, keep);
  } else {
    const sdk = makeSdk(target);
    await signInSdk(sdk, target);
    walk = () => inventorySdk(sdk, keep);
  }
  gc();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  function sample(): void {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  }
  const timer = setInterval(sample, 2);
  const start = now();
  const records = await walk();
  const fetchMs = msSince(start);
  clearInterval(timer);
  sample();
  gc();
  const after = process.memoryUsage();
  // maxRSS is the process's high-water mark in kB, which the sampling can only approach.
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  if (held.length !== n || records !== n) throw new Error(`${who} held ${held.length} of ${n} records`);
  return {
    records: held.length,
    baselineRss: base.rss,
    baselineHeap: base.heapUsed,
    peakRss,
    peakHeap,
    heldRss: after.rss,
    heldHeap: after.heapUsed,
    bytesPerRecord: (after.heapUsed - base.heapUsed) / held.length,
    fetchMs,
  };
});
