// Mocha entry loaded by VS Code through `extensionTestsPath` (the @vscode/test-electron contract):
// it must export `run(): Promise<void>`; a rejection makes the extension host exit with code 1.
// Used by both scripts/vscode-server/run-ext-tests.mjs (code-server) and test/integration/runElectron.ts.
//
// Env (inside the extension host):
//   RC_TEST_RESULTS_FILE  where to write the JSON results (default: out/test/integration/test-results.json)
//   RC_TEST_GREP          only run tests whose full title matches this regular expression (like mocha --grep)
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface TestSummary {
  passed: number;
  failed: number;
  pending: number;
  node: string;
  vscodeVersion: string;
  grep?: string;
  results: TestResult[];
  startedAt: string;
  finishedAt: string;
}

/** Every `*.test.js` below `dir` (recursively), sorted for a stable order. */
function findTestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findTestFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) out.push(full);
  }
  return out.sort();
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

export function run(): Promise<void> {
  const testsRoot = __dirname; // out/test/integration
  const grep = process.env.RC_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (grep) mocha.grep(new RegExp(grep));
  for (const file of findTestFiles(testsRoot)) mocha.addFile(file);

  const resultsFile = process.env.RC_TEST_RESULTS_FILE || path.join(testsRoot, 'test-results.json');
  const results: TestResult[] = [];
  const startedAt = new Date().toISOString();

  return new Promise<void>((resolve, reject) => {
    const writeSummary = (failures: number): void => {
      const summary: TestSummary = {
        passed: results.filter((r) => r.state === 'passed').length,
        // `failures` also counts hook failures, which emit 'fail' too; keep the larger of the two.
        failed: Math.max(failures, results.filter((r) => r.state === 'failed').length),
        pending: results.filter((r) => r.state === 'pending').length,
        node: process.version,
        vscodeVersion: vscode.version,
        ...(grep ? { grep } : {}),
        results,
        startedAt,
        finishedAt: new Date().toISOString(),
      };
      fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
      fs.writeFileSync(resultsFile, JSON.stringify(summary, null, 2));
      console.log(`RC-TESTS-DONE ${summary.passed} passed, ${summary.failed} failed, ${summary.pending} pending -> ${resultsFile}`);
      if (summary.failed > 0) reject(new Error(`${summary.failed} test(s) failed.`));
      else resolve();
    };
    try {
      const runner = mocha.run(writeSummary);
      runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
      runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending' }));
      runner.on('fail', (t, err) =>
        results.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: errorText(err) }),
      );
    } catch (err) {
      // e.g. a test file that throws while loading
      results.push({ title: 'loading the integration test files', state: 'failed', error: errorText(err) });
      console.error(errorText(err));
      writeSummary(1);
    }
  });
}
