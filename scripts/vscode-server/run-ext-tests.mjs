// Runs the extension's mocha suites INSIDE code-server's (Node) extension host, the @vscode/test-electron contract
// (extensionDevelopmentPath + extensionTestsPath exporting run()), by opening the workbench in headless Chromium
// with the `payload` URL parameter. code-server must run with `--vscode-option enable-smoke-test-driver`, else the
// workbench silently ignores the payload (see start.sh / scripts/test-integration.sh).
//
// Usage: node scripts/vscode-server/run-ext-tests.mjs [baseUrl] [workspaceFolder]
//   baseUrl          default http://127.0.0.1:$PORT (PORT default 8765)
//   workspaceFolder  folder the window opens; default $RUN/workspace
// Env:
//   RUN              throwaway dir (Chromium profile, results, screenshots); default .vscode-test/server/run
//   EXT_DIR          extensionDevelopmentPath; default the repository root
//   EXT_TESTS        extensionTestsPath; default <EXT_DIR>/out/test/integration/index.js
//   RESULTS_FILE     default $RUN/test-results.json (passed to the tests as RC_TEST_RESULTS_FILE)
//   EXT_ENV          JSON object of extra env vars for the extension host; every RC_* and RINGCENTRAL_EXPLORER_*
//                    var of this process is passed too (e.g. RC_TEST_GREP, RC_FORCE_FAIL,
//                    RINGCENTRAL_EXPLORER_TEST_HOOKS); EXT_ENV wins on conflicts
//   TEST_TIMEOUT_MS  whole-run timeout, default 900000 (15 min)
//   VERBOSE=1        also print the browser console
// Prints mocha's output as it runs and ends with a line `N passed, N failed`. Exit 0 only if every test passed.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUN = path.resolve(process.env.RUN || path.join(repoRoot, '.vscode-test', 'server', 'run'));
const base = process.argv[2] || `http://127.0.0.1:${process.env.PORT || 8765}`;
const folder = path.resolve(process.argv[3] || path.join(RUN, 'workspace'));
const extDir = path.resolve(process.env.EXT_DIR || repoRoot);
const testsModule = path.resolve(process.env.EXT_TESTS || path.join(extDir, 'out', 'test', 'integration', 'index.js'));
const resultsFile = path.resolve(process.env.RESULTS_FILE || path.join(RUN, 'test-results.json'));
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 15 * 60 * 1000);
const t0 = Date.now();
const log = (...a) => console.log(`[rig ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

/** Last words: the summary line, then exit. */
function finish(passed, failed, why) {
  if (why) log(why);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || why ? 1 : 0);
}

if (!existsSync(testsModule)) finish(0, 1, `tests module not found: ${testsModule} (build with: npx tsc -p .)`);
if (!existsSync(path.join(extDir, 'package.json'))) finish(0, 1, `no package.json in ${extDir}`);
mkdirSync(RUN, { recursive: true });
mkdirSync(folder, { recursive: true });
rmSync(resultsFile, { force: true });

const extEnv = { RC_TEST_RESULTS_FILE: resultsFile };
for (const [k, v] of Object.entries(process.env)) if (/^(RC_|RINGCENTRAL_EXPLORER_)/.test(k) && v !== undefined) extEnv[k] = v;
try {
  Object.assign(extEnv, JSON.parse(process.env.EXT_ENV || '{}'));
} catch (e) {
  finish(0, 1, `EXT_ENV is not valid JSON: ${e.message}`);
}

// The authority only has to be well formed; code-server serves every vscode-remote:// path from its own machine.
const authority = new URL(base).host;
const remote = (p) => `vscode-remote://${authority}${p}`;
const payload = [
  ['extensionDevelopmentPath', remote(extDir)],
  ['extensionTestsPath', remote(testsModule)],
  ['extensionEnvironment', JSON.stringify(extEnv)], // merged into the extension host's env
  ['skipWelcome', 'true'],
  ['skipReleaseNotes', 'true'],
];
const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const profile = mkdtempSync(path.join(RUN, 'chrome-'));
let ctx;
try {
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // keeps Chromium's crashpad 'Crash Reports' (~/.config/chromium) and dconf (~/.cache) out of the home folder
    env: { ...process.env, XDG_CONFIG_HOME: path.join(RUN, 'chrome-xdg'), XDG_CACHE_HOME: path.join(RUN, 'chrome-xdg', 'cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
} catch (e) {
  finish(0, 1, `could not launch Chromium: ${e.message}`);
}
// Playwright's own SIGINT/SIGTERM/SIGHUP handlers close Chromium but do not end this process: end it ourselves.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    const bye = () => finish(0, 1, `interrupted by ${sig}`);
    setTimeout(bye, 5000).unref();
    ctx.close().then(bye, bye);
  });
}
const page = ctx.pages()[0] ?? (await ctx.newPage());
if (process.env.VERBOSE) page.on('console', (m) => console.log('  [page console]', m.text().slice(0, 300)));

// With an extension test run the workbench routes its own log AND the extension host's console (mocha's spec
// reporter) to window.codeAutomationLog(level, args), console.log-style args. It calls
// window.codeAutomationExit(code) when run() settles: 0 = resolved, otherwise rejected/threw.
let resolveExit;
const exited = new Promise((resolve) => { resolveExit = resolve; });
await page.exposeFunction('codeAutomationExit', (code) => resolveExit({ code }));
await page.exposeFunction('codeAutomationLog', (level, args) => {
  let text;
  try { text = format(...args); } catch { text = String(args); }
  // info = mocha / console.log of the tests; other levels are mostly workbench noise: first line only
  console.log(level === 'info' ? text : `  [${level}] ${text.split('\n')[0]}`);
});
page.on('crash', () => resolveExit({ crashed: true }));

log(`opening ${base} (folder ${folder}); extension ${extDir}; tests ${testsModule}`);
let timer;
const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve({ timeout: true }), TIMEOUT_MS); });
let outcome;
try {
  await page.goto(url);
  outcome = await Promise.race([exited, timedOut]);
} catch (e) {
  outcome = { error: e.message };
}
clearTimeout(timer);

let summary;
if (existsSync(resultsFile)) {
  try { summary = JSON.parse(readFileSync(resultsFile, 'utf8')); } catch (e) { log(`unreadable results file: ${e.message}`); }
}
const failedRun = outcome.code !== 0 || !summary || summary.failed > 0;
if (failedRun) {
  const shot = path.join(RUN, `failure-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
  try { await page.screenshot({ path: shot, timeout: 15000 }); log(`screenshot: ${shot}`); } catch (e) { log(`no screenshot: ${e.message}`); }
}
await ctx.close().catch(() => {});

const how = outcome.timeout ? `TIMEOUT after ${TIMEOUT_MS} ms` : outcome.crashed ? 'page crashed'
  : outcome.error ? `error: ${outcome.error}` : `exit code ${outcome.code}`;
log(`extension host run finished: ${how}`);
if (!summary) finish(0, 1, `no results file written (${resultsFile}); counted as 1 failure`);
for (const r of summary.results) {
  if (r.state === 'failed') console.log(`  FAIL ${r.title}\n       ${String(r.error).split('\n')[0]}`);
}
log(`results: ${resultsFile} (vscode ${summary.vscodeVersion}, node ${summary.node}, ${summary.pending} pending${summary.grep ? `, grep ${summary.grep}` : ''})`);
if (outcome.code !== 0 && summary.failed === 0) finish(summary.passed, 1, `run() did not succeed (${how}) although no test failed; counted as 1 failure`);
finish(summary.passed, summary.failed);
