/** Scenario 4, memory: peak RSS and heap while holding 100,000 validated phone numbers, in child processes. */
import * as path from 'node:path';
import type { Emulator } from '../../test/emulator/api';
import { runChild } from '../lib/child';
import { RAISED, resetLimits, targetOf } from '../lib/emulator';
import { alternate, median } from '../lib/stats';
import { bytes, compareLowerIsBetter, ratio, row, VERDICT, type Row, type ScenarioResult } from '../lib/table';
import type { MemoryInput, MemoryOutput } from './memoryChild';

export interface MemoryOptions {
  n: number;
  reps: number;
  log: (line: string) => void;
}

type Who = 'ours' | 'sdk';

export async function memory(emu: Emulator, o: MemoryOptions): Promise<ScenarioResult> {
  emu.setPhoneNumberCount(o.n);
  const results: Record<Who, MemoryOutput[]> = { ours: [], sdk: [] };
  await alternate<Who>(['ours', 'sdk'], o.reps, async (who) => {
    resetLimits(emu, { Heavy: RAISED });
    const input: MemoryInput = { target: targetOf(emu), who, n: o.n };
    const out = await runChild<MemoryOutput>(path.join(__dirname, 'memoryChild.js'), input);
    results[who].push(out);
    o.log(
      `memory ${who}: peak RSS ${bytes(out.peakRss)}, peak heap ${bytes(out.peakHeap)}, held heap ${bytes(out.heldHeap)} ` +
        `(${Math.round(out.bytesPerRecord)} B/record), fetch ${Math.round(out.fetchMs)} ms`,
    );
  });
  const m = (who: Who, key: keyof MemoryOutput): number => median(results[who].map((r) => r[key]));
  const label = `4. Memory, ${o.n.toLocaleString('en-US')} numbers held`;
  const metric = (name: string, key: keyof MemoryOutput, fmt: (v: number) => string): Row =>
    row({
      scenario: label,
      metric: name,
      ours: fmt(m('ours', key)),
      peer: fmt(m('sdk', key)),
      ratio: ratio(m('ours', key), m('sdk', key)),
      verdict: compareLowerIsBetter(m('ours', key), m('sdk', key), 0.05),
    });
  const notes: string[] = [
    `Memory: ours holds validated records (the schemas hand back the server's own objects); the SDK holds unvalidated JSON. ` +
      `Baseline after sign-in: ours ${bytes(m('ours', 'baselineRss'))} RSS / ${bytes(m('ours', 'baselineHeap'))} heap, ` +
      `SDK ${bytes(m('sdk', 'baselineRss'))} / ${bytes(m('sdk', 'baselineHeap'))}.`,
  ];
  if (compareLowerIsBetter(m('ours', 'peakHeap'), m('sdk', 'peakHeap'), 0.05) === VERDICT.loses) {
    notes.push(
      `Memory: ours loses on peak heap (${bytes(m('ours', 'peakHeap') - m('sdk', 'peakHeap'))} more) but holds the same: zod's safeParse ` +
        `builds a validated copy of each record, and parseAsReceived returns the server's object instead, so every page leaves ` +
        `1000 copies of garbage until the next GC. Validating without building the copy is not something zod 4 offers.`,
    );
  }
  return {
    rows: [
      metric('peak RSS', 'peakRss', bytes),
      metric('peak heap used', 'peakHeap', bytes),
      metric('heap held after GC', 'heldHeap', bytes),
      metric('bytes per record (held heap − baseline)', 'bytesPerRecord', (v) => `${Math.round(v)} B`),
    ],
    notes,
  };
}
