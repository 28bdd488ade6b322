/** Child process of scenario 5: fetches every number with our core, then times the JSON and CSV exports. */
import { csvColumns, PHONE_NUMBER_COLUMNS, toCsv } from '../../src/core/export/csv';
import { assertNoSecrets, toJson } from '../../src/core/export/json';
import { childMain, gc } from '../lib/child';
import { inventoryOurs, makeOurs, signInOurs, type Target } from '../lib/clients';
import { alternate, median, msSince, now } from '../lib/stats';

export interface ExportInput {
  target: Target;
  n: number;
  reps: number;
}

export interface Timed {
  ms: number;
  bytes: number;
}

export interface ExportOutput {
  json: Timed;
  bareJson: Timed;
  csv: Timed;
  /** The secret scan over the JSON text (four secrets, as the extension checks before showing an export). */
  scanJsonMs: number;
  scanCsvMs: number;
}

type Job = 'json' | 'bareJson' | 'csv';

childMain<ExportInput, ExportOutput>(async ({ target, n, reps }) => {
  const ours = makeOurs(target);
  await signInOurs(ours, target);
  const records: Record<string, unknown>[] = [];
  await inventoryOurs(ours, (page) => {
    for (const r of page) records.push(r as Record<string, unknown>);
  });
  if (records.length !== n) throw new Error(`export child got ${records.length} of ${n} records`);
  const session = await ours.tokens.session();
  const secrets = [session?.accessToken ?? '', session?.refreshToken ?? '', target.clientSecret, target.jwt];
  const times: Record<Job, number[]> = { json: [], bareJson: [], csv: [] };
  const sizes: Record<Job, number> = { json: 0, bareJson: 0, csv: 0 };
  const scans: { json: number[]; csv: number[] } = { json: [], csv: [] };
  const run = (job: Job): string => {
    if (job === 'json') return toJson(records);
    if (job === 'bareJson') return JSON.stringify(records, null, 2);
    return toCsv(records, csvColumns(records, PHONE_NUMBER_COLUMNS));
  };
  await alternate<Job>(['json', 'bareJson', 'csv'], reps, (job) => {
    gc();
    const start = now();
    const text = run(job);
    times[job].push(msSince(start));
    sizes[job] = Buffer.byteLength(text);
    if (job !== 'bareJson') {
      const scanStart = now();
      assertNoSecrets(text, secrets);
      scans[job].push(msSince(scanStart));
    }
    return Promise.resolve();
  });
  const timed = (job: Job): Timed => ({ ms: median(times[job]), bytes: sizes[job] });
  return { json: timed('json'), bareJson: timed('bareJson'), csv: timed('csv'), scanJsonMs: median(scans.json), scanCsvMs: median(scans.csv) };
});
