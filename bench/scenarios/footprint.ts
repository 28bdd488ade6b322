/**
 * Scenario 6, footprint: the production `dist/extension.js` (built with `npm run build:prod`), and two
 * same-job programs bundled alike with esbuild: `footprint/sdk-app.ts` (the SDK) and `footprint/ours-app.ts`
 * (our core). Size, gzip size, and time to `require` each in a fresh Node process.
 */
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import type { Emulator } from '../../test/emulator/api';
import { RAISED, resetLimits, targetOf } from '../lib/emulator';
import { alternate, median } from '../lib/stats';
import { bytes, compareLowerIsBetter, ms, ratio, row, VERDICT, type Row, type ScenarioResult } from '../lib/table';

export interface FootprintOptions {
  root: string;
  reps: number;
  log: (line: string) => void;
}

type Subject = 'extension' | 'sdkApp' | 'oursApp' | 'node';

interface Probe {
  requireMs: number;
  processMs: number;
}

function probe(file: string | undefined): Promise<Probe> {
  const script = path.join(__dirname, '..', 'footprint', 'loadProbe.js');
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, file ? [script, file] : [script], { encoding: 'utf8' }, (err, stdout, stderr) => {
      const processMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (err) return reject(new Error(`load probe of ${file ?? 'node'} failed: ${stderr || err.message}`));
      const out = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { requireMs: number };
      resolve({ requireMs: out.requireMs, processMs });
    });
  });
}

/** The options of `esbuild.mjs --production`, so that every bundle here is made the same way. */
function bundle(root: string, entry: string, outfile: string, write = true): Promise<esbuild.Metafile> {
  return esbuild
    .build({
      entryPoints: [path.join(root, entry)],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      outfile,
      external: ['vscode'],
      minify: true,
      sourcemap: false,
      logLevel: 'silent',
      metafile: true,
      write,
    })
    .then((r) => r.metafile);
}

/** Bytes in the output by origin: `package/dir` for dependencies (e.g. zod/v4/locales), the folder for our sources. */
function contributors(meta: esbuild.Metafile): { name: string; bytes: number }[] {
  const by = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(file);
      const name = inModules
        ? [inModules[1], ...(inModules[2] ?? '').split('/').slice(0, -1).slice(0, 2)].join('/')
        : file.split('/').slice(0, 2).join('/');
      by.set(name, (by.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...by].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

function topContributors(meta: esbuild.Metafile, count = 4): string {
  return contributors(meta)
    .slice(0, count)
    .map((c) => `${c.name} ${bytes(c.bytes)}`)
    .join(', ');
}

/** Runs a same-job bundle for real against the emulator, so a size is never that of a broken program. */
function runsForReal(emu: Emulator, file: string, expected: number): Promise<string | undefined> {
  resetLimits(emu, { Heavy: RAISED });
  const t = targetOf(emu);
  const env = { ...process.env, RC_BENCH_RUN: '1', RC_SERVER: t.server, RC_CLIENT_ID: t.clientId, RC_CLIENT_SECRET: t.clientSecret, RC_JWT: t.jwt };
  return new Promise<string | undefined>((resolve) => {
    execFile(process.execPath, [file], { env, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) return resolve(`${path.basename(file)} failed: ${stderr || err.message}`);
      const count = (JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { count?: number }).count;
      resolve(count === expected ? undefined : `${path.basename(file)} listed ${count} of ${expected} numbers`);
    });
  });
}

export async function footprint(emu: Emulator, o: FootprintOptions): Promise<ScenarioResult> {
  const notes: string[] = [];
  const rows: Row[] = [];
  const label = '6. Footprint';
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: o.root, encoding: 'utf8' });
  const extension = path.join(o.root, 'dist', 'extension.js');
  if (build.status !== 0 || !fs.existsSync(extension)) {
    notes.push(`Footprint: npm run build:prod failed: ${(build.stderr || build.stdout).trim().slice(0, 300)}`);
    rows.push(row({ scenario: label, metric: 'production dist/extension.js', ours: 'build failed', verdict: VERDICT.error }));
    return { rows, notes };
  }
  const outDir = path.join(__dirname, '..', 'bundles');
  const files: Record<Exclude<Subject, 'node'>, string> = {
    extension,
    sdkApp: path.join(outDir, 'sdk-app.js'),
    oursApp: path.join(outDir, 'ours-app.js'),
  };
  const sdkMeta = await bundle(o.root, 'bench/footprint/sdk-app.ts', files.sdkApp);
  const oursMeta = await bundle(o.root, 'bench/footprint/ours-app.ts', files.oursApp);
  // Not written: only to see what the production extension bundle is made of.
  const extensionMeta = await bundle(o.root, 'src/extension.ts', path.join(outDir, 'extension-analysis.js'), false);

  const n = 1000;
  emu.setPhoneNumberCount(n);
  const problems: string[] = [];
  for (const f of [files.sdkApp, files.oursApp]) {
    const problem = await runsForReal(emu, f, n);
    if (problem) problems.push(problem);
  }

  const size = (f: string): { raw: number; gz: number } => {
    const buf = fs.readFileSync(f);
    return { raw: buf.length, gz: gzipSync(buf).length };
  };
  const sizes = { extension: size(files.extension), sdkApp: size(files.sdkApp), oursApp: size(files.oursApp) };
  const probes: Record<Subject, Probe[]> = { extension: [], sdkApp: [], oursApp: [], node: [] };
  await alternate<Subject>(['extension', 'sdkApp', 'oursApp', 'node'], o.reps, async (s) => {
    probes[s].push(await probe(s === 'node' ? undefined : files[s]));
  });
  const req = (s: Subject): number => median(probes[s].map((p) => p.requireMs));
  const proc = (s: Subject): number => median(probes[s].map((p) => p.processMs));
  for (const s of ['extension', 'sdkApp', 'oursApp'] as const) {
    o.log(`footprint ${s}: ${bytes(sizes[s].raw)} (${bytes(sizes[s].gz)} gzip), require ${req(s).toFixed(1)} ms, process ${proc(s).toFixed(0)} ms`);
  }
  const sizeText = (s: keyof typeof sizes): string => `${bytes(sizes[s].raw)} (${bytes(sizes[s].gz)} gz)`;
  rows.push(
    row({
      scenario: label,
      metric: 'dist/extension.js (prod) vs sdk-app bundle: size (gzip)',
      ours: sizeText('extension'),
      peer: sizeText('sdkApp'),
      ratio: ratio(sizes.extension.gz, sizes.sdkApp.gz),
      verdict: compareLowerIsBetter(sizes.extension.gz, sizes.sdkApp.gz),
    }),
    row({
      scenario: label,
      metric: 'dist/extension.js (prod) vs sdk-app bundle: require in a fresh process',
      ours: ms(req('extension')),
      peer: ms(req('sdkApp')),
      ratio: ratio(req('extension'), req('sdkApp')),
      verdict: compareLowerIsBetter(req('extension'), req('sdkApp'), 0.05),
    }),
    row({
      scenario: label,
      metric: 'same-job bundle (ours-app vs sdk-app): size (gzip)',
      ours: sizeText('oursApp'),
      peer: sizeText('sdkApp'),
      ratio: ratio(sizes.oursApp.gz, sizes.sdkApp.gz),
      verdict: compareLowerIsBetter(sizes.oursApp.gz, sizes.sdkApp.gz),
    }),
    row({
      scenario: label,
      metric: 'same-job bundle (ours-app vs sdk-app): require in a fresh process',
      ours: ms(req('oursApp')),
      peer: ms(req('sdkApp')),
      ratio: ratio(req('oursApp'), req('sdkApp')),
      verdict: compareLowerIsBetter(req('oursApp'), req('sdkApp'), 0.05),
    }),
  );
  const zodLocales = (meta: esbuild.Metafile): number => contributors(meta).find((c) => c.name === 'zod/v4/locales')?.bytes ?? 0;
  // zod's English messages (a few kB) are always in; every locale together is about 250 kB.
  const allZodLocales = zodLocales(extensionMeta) > 50_000;
  notes.push(
    `Footprint: largest parts of dist/extension.js: ${topContributors(extensionMeta)}; of ours-app: ${topContributors(oursMeta)}; ` +
      `of sdk-app: ${topContributors(sdkMeta)}.` +
      (allZodLocales
        ? ` ${bytes(zodLocales(extensionMeta))} of the extension are zod's translated error messages for every locale, which ` +
          `src/core/schemas (\`import * as z from 'zod'\`) lets esbuild leave out: some module binds zod's namespace object as a ` +
          `value (\`import { z } from 'zod'\`), which esbuild keeps whole.`
        : ''),
  );
  notes.push(
    `Footprint: whole process from spawn to exit (median of ${o.reps}): Node alone ${ms(proc('node'))}, ` +
      `extension ${ms(proc('extension'))}, ours-app ${ms(proc('oursApp'))}, sdk-app ${ms(proc('sdkApp'))}. ` +
      (problems.length
        ? `Running the same-job bundles against the emulator failed: ${problems.join('; ')}.`
        : `Both same-job bundles were run against the emulator and listed all ${n} numbers.`),
  );
  return { rows, notes };
}
