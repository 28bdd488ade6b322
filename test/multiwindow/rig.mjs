// Shared plumbing of the multi-window drivers (signInServer.mjs, sharedSession.mjs): the VS Code server build
// from scripts/vscode-server/, headless Chromium, a checklist that ends with the `N passed, N failed` line
// scripts/test-integration.sh adds to its totals, and cleanup on every exit path.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const require = createRequire(import.meta.url);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function logger(tag) {
  const t0 = Date.now();
  return (...a) => console.log(`[${tag} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
}

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** A state dir: $RUN when given (the caller cleans it), else a fresh one this process removes unless kept. */
export function runDir(prefix) {
  if (process.env.RUN) {
    const dir = resolve(process.env.RUN);
    mkdirSync(dir, { recursive: true });
    return { dir, own: false };
  }
  // Short path: code-server's unix sockets live below it (sun_path < 108 chars).
  return { dir: mkdtempSync(join(process.env.TMPDIR || tmpdir(), prefix)), own: true };
}

/** Runs scripts/vscode-server/<script> with RUN and PORT; throws when it fails. */
export function rig(script, env, args = []) {
  const r = spawnSync('bash', [join(ROOT, 'scripts/vscode-server', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`scripts/vscode-server/${script} failed (exit ${r.status ?? r.signal})`);
}

/** Fails early, with what to run, when the build outputs a driver needs are missing. */
export function requireBuilt(files) {
  const missing = files.filter((f) => !existsSync(join(ROOT, f)));
  if (missing.length) throw new Error(`${missing.join(', ')} missing: run  npm run build && npx tsc -p .  first`);
}

/** Headless Chromium with its own profile (one profile = one browser's localStorage, where code-server keeps secrets). */
export function launchBrowser(profileDir) {
  mkdirSync(profileDir, { recursive: true });
  return chromium.launchPersistentContext(join(profileDir, 'profile'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: process.env.RC_MW_HEADED !== '1',
    // keeps Chromium's crash reports and dconf out of the home folder
    env: { ...process.env, XDG_CONFIG_HOME: join(profileDir, 'xdg-config'), XDG_CACHE_HOME: join(profileDir, 'xdg-cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
}

/** Every file named `name` below dir (the extension host logs of each window live in user-data/logs/<session>/exthostN/). */
export function findFiles(dir, name) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...findFiles(full, name));
    else if (entry === name) out.push(full);
  }
  return out.sort();
}

export function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Pass/fail per named check; `expected` names checks that count as failed when an earlier failure stops them. */
export class Checklist {
  passed = 0;
  failed = 0;
  lines = [];
  done = new Set();

  constructor(expected = []) {
    this.expected = expected;
  }

  /** Marks every expected check that did not run as failed. */
  settle() {
    for (const name of this.expected) if (!this.done.has(name)) this.fail(name, 'not run (an earlier step failed)');
  }

  ok(name, detail = '') {
    this.done.add(name);
    this.passed++;
    this.lines.push(`  ✓ ${name}${detail ? ` (${detail})` : ''}`);
    console.log(this.lines.at(-1));
  }

  fail(name, why) {
    this.done.add(name);
    this.failed++;
    this.lines.push(`  ✗ ${name}: ${why}`);
    console.log(this.lines.at(-1));
  }

  check(name, cond, why, detail) {
    if (cond) this.ok(name, detail);
    else this.fail(name, why);
    return cond;
  }
}

/**
 * Runs `cleanup` once on any exit path (normal end, error, SIGINT/SIGTERM/SIGHUP), then prints the checklist's
 * summary line and exits with 0 only when every check passed and at least one ran.
 */
export function onExit(cleanup, checks) {
  let done = false;
  const finish = async (code, why) => {
    if (done) return;
    done = true;
    if (why) console.log(why);
    try {
      await cleanup();
    } catch (e) {
      console.log(`cleanup: ${e instanceof Error ? e.message : String(e)}`);
    }
    checks.settle();
    for (const l of checks.lines) console.log(l);
    if (code !== 0 && checks.failed === 0) checks.failed = 1;
    console.log(`${checks.passed} passed, ${checks.failed} failed`);
    process.exit(checks.failed === 0 && checks.passed > 0 ? 0 : 1);
  };
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, () => void finish(code, `interrupted by ${sig}`));
  }
  return finish;
}

/** Removes a run dir this process created, unless asked to keep it or something failed. */
export function dropRunDir(run, checks, log) {
  if (run.own && checks.failed === 0 && process.env.RC_KEEP_RUN !== '1') rmSync(run.dir, { recursive: true, force: true });
  else log(`run state kept in ${run.dir}`);
}
