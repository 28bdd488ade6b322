/** Scenario 5, export: 100,000 numbers to JSON and to CSV with the core's exporters, in a child process. */
import * as path from 'node:path';
import type { Emulator } from '../../test/emulator/api';
import { runChild } from '../lib/child';
import { RAISED, resetLimits, targetOf } from '../lib/emulator';
import { bytes, mbPerSecond, ms, NONE, ratio, row, type ScenarioResult } from '../lib/table';
import type { ExportInput, ExportOutput } from './exportChild';

export interface ExportOptions {
  n: number;
  reps: number;
  log: (line: string) => void;
}

export async function exportScenario(emu: Emulator, o: ExportOptions): Promise<ScenarioResult> {
  emu.setPhoneNumberCount(o.n);
  resetLimits(emu, { Heavy: RAISED });
  const input: ExportInput = { target: targetOf(emu), n: o.n, reps: o.reps };
  const out = await runChild<ExportOutput>(path.join(__dirname, 'exportChild.js'), input);
  o.log(`export: JSON ${out.json.ms.toFixed(0)} ms (${bytes(out.json.bytes)}), bare ${out.bareJson.ms.toFixed(0)} ms, CSV ${out.csv.ms.toFixed(0)} ms (${bytes(out.csv.bytes)})`);
  const label = `5. Export, ${o.n.toLocaleString('en-US')} numbers`;
  return {
    rows: [
      row({
        scenario: label,
        metric: `JSON (${bytes(out.json.bytes)})`,
        ours: `${ms(out.json.ms)}, ${mbPerSecond(out.json.bytes, out.json.ms)}`,
        peer: `${ms(out.bareJson.ms)} (bare JSON.stringify)`,
        ratio: ratio(out.json.ms, out.bareJson.ms),
      }),
      row({
        scenario: label,
        metric: `CSV (${bytes(out.csv.bytes)})`,
        ours: `${ms(out.csv.ms)}, ${mbPerSecond(out.csv.bytes, out.csv.ms)}`,
        peer: `${NONE} (SDK has no export)`,
      }),
      row({
        scenario: label,
        metric: 'secret scan of the output (JSON / CSV)',
        ours: `${ms(out.scanJsonMs)} / ${ms(out.scanCsvMs)}`,
      }),
    ],
    notes: [],
  };
}
