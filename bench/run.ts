/**
 * `npm run bench`: starts the RingCentral emulator, runs every scenario for our core and for `@ringcentral/sdk`
 * (alternating runs, medians), prints one Markdown table and writes it to bench/results/latest.md.
 * Options: `--only=inventory,storm,overhead,memory,export,footprint,lists` and `--quick` (fewer repetitions).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../test/emulator/server';
import { HEAVY_SCALED, inventory } from './scenarios/inventory';
import { refreshStorm } from './scenarios/refreshStorm';
import { overhead } from './scenarios/overhead';
import { memory } from './scenarios/memory';
import { exportScenario } from './scenarios/export';
import { footprint } from './scenarios/footprint';
import { lists } from './scenarios/lists';
import { markdownTable, row, VERDICT, type Row, type ScenarioResult } from './lib/table';

const ROOT = path.resolve(__dirname, '..', '..');
const SCENARIOS = ['inventory', 'storm', 'overhead', 'memory', 'export', 'footprint', 'lists'] as const;
type Scenario = (typeof SCENARIOS)[number];

function parseArgs(argv: readonly string[]): { only: Set<Scenario>; quick: boolean } {
  const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const only = new Set<Scenario>(onlyArg ? (onlyArg.split(',').filter((s) => (SCENARIOS as readonly string[]).includes(s)) as Scenario[]) : SCENARIOS);
  return { only, quick: argv.includes('--quick') };
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.type()} ${os.release()} ${os.arch()}`;
}

async function main(): Promise<void> {
  const { only, quick } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadBefore = os.loadavg()[0] ?? 0;
  const log = (line: string): void => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  log(`machine: ${machine()}`);
  const emu = await startEmulator({ phoneNumbers: 1000, seed: 7, limits: { Heavy: HEAVY_SCALED } });
  const results: ScenarioResult[] = [];
  const attempt = async (name: Scenario, fn: () => Promise<ScenarioResult>): Promise<void> => {
    if (!only.has(name)) return;
    const t = Date.now();
    try {
      results.push(await fn());
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log(`${name} failed: ${e instanceof Error ? (e.stack ?? message) : message}`);
      results.push({ rows: [row({ scenario: name, metric: 'scenario failed', ours: message.slice(0, 120), verdict: VERDICT.error })], notes: [`${name}: ${message}`] });
    }
    log(`${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  try {
    await attempt('inventory', () =>
      inventory(emu, {
        sizes: quick
          ? [{ n: 1_000, reps: 1 }, { n: 25_000, reps: 1 }]
          : [{ n: 1_000, reps: 9 }, { n: 25_000, reps: 3 }, { n: 100_000, reps: 1 }],
        log,
      }),
    );
    await attempt('storm', () => refreshStorm(emu, { reps: quick ? 1 : 3, log }));
    await attempt('overhead', () => overhead(emu, { requests: 2000, block: 50, warmup: 200, rounds: quick ? 1 : 5, log }));
    await attempt('memory', () => memory(emu, { n: 100_000, reps: quick ? 1 : 2, log }));
    await attempt('export', () => exportScenario(emu, { n: 100_000, reps: quick ? 1 : 3, log }));
    await attempt('footprint', () => footprint(emu, { root: ROOT, reps: quick ? 3 : 7, log }));
    // Starts an emulator of its own: 10,000 extensions.
    await attempt('lists', () => lists({ reps: quick ? 1 : 5, coldReps: 1, log }));
  } finally {
    await emu.close();
  }
  const rows: Row[] = results.flatMap((r) => r.rows);
  const notes = results.flatMap((r) => r.notes);
  const totalS = (Date.now() - started) / 1000;
  const table = markdownTable(rows);
  const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const report = [
    `# Benchmark results`,
    '',
    `- Date: ${when}`,
    `- Machine: ${machine()}`,
    `- Load average (1 min) at start / end: ${loadBefore.toFixed(2)} / ${(os.loadavg()[0] ?? 0).toFixed(2)}`,
    `- SDK: @ringcentral/sdk ${sdkVersion()}; bench wall time ${totalS.toFixed(0)} s${quick ? ' (--quick)' : ''}${only.size < SCENARIOS.length ? ` (only ${[...only].join(', ')})` : ''}`,
    '',
    table,
    '',
    ...(notes.length ? ['Notes:', '', ...notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.md'), report);
  console.log(report);
  log(`done in ${totalS.toFixed(1)} s; written to bench/results/latest.md`);
}

function sdkVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@ringcentral', 'sdk', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
