import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { powerShellScript, type PowerShellScriptOptions } from '../../src/core/scripts/powerShellScript';
import type { Emulator } from '../emulator/api';

/** out/test/powershell → repository root. */
export const ROOT = path.resolve(__dirname, '../../..');
const SOURCE = path.join(ROOT, 'test/powershell');
export const HARNESS = path.join(SOURCE, 'harness.ps1');
/** Holds the Get-Secret stand-in (modules/Microsoft.PowerShell.SecretManagement). */
export const STANDIN_MODULES = path.join(SOURCE, 'modules');

/** pwsh from $RC_PWSH, the project's own install (scripts/test-powershell.sh), or PATH. */
export function pwshPath(): string {
  const candidates = [process.env.RC_PWSH, path.join(ROOT, '.vscode-test/pwsh/pwsh'), 'pwsh'].filter((c): c is string => !!c);
  for (const c of candidates) {
    const r = spawnSync(c, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], { encoding: 'utf8' });
    if (r.status === 0) return c;
  }
  throw new Error('pwsh not found: run `npm run test:powershell` (it installs PowerShell into .vscode-test/pwsh), or set RC_PWSH.');
}

export interface PwshInfo {
  path: string;
  version: string;
  edition: string;
}

let cached: PwshInfo | undefined;
export function pwsh(): PwshInfo {
  if (!cached) {
    const p = pwshPath();
    const r = spawnSync(p, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', '"$($PSVersionTable.PSVersion) $($PSVersionTable.PSEdition)"'], { encoding: 'utf8' });
    const [version = '?', edition = '?'] = r.stdout.trim().split(' ');
    cached = { path: p, version, edition };
  }
  return cached;
}

/** A scratch folder per test file, removed by `dispose`. PowerShell's own state (module cache) stays inside it too. */
export class Scratch {
  readonly dir = mkdtempSync(path.join(process.env.TMPDIR ?? tmpdir(), 'rc-pwsh-'));
  private n = 0;
  file(name: string): string {
    return path.join(this.dir, `${++this.n}-${name}`);
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface RunOptions {
  /** Script parameters, e.g. { Raw: true, Server: '...' }. */
  args?: Record<string, unknown>;
  /** Environment on top of a clean one (PATH, HOME, ...); credentials go here. */
  env?: Record<string, string | undefined>;
  transcript?: boolean;
  /** A file holding the seconds the script's clock is ahead (see harness.ps1). */
  clockFile?: string;
  /** Put the Get-Secret stand-in on PSModulePath. */
  secretManagement?: boolean;
  timeoutMs?: number;
  /** Called while the script runs, e.g. to move the emulator clock when a request arrives. */
  during?: () => Promise<void>;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The objects the script wrote, as JSON-parsed values. */
  objects: unknown[];
  transcript: string;
  ms: number;
}

/** PowerShell's caches and settings go into the scratch folder, never the home folder. */
function pwshEnv(scratch: Scratch, extra: Record<string, string | undefined>, secretManagement: boolean): NodeJS.ProcessEnv {
  const home = path.join(scratch.dir, 'home');
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    TMPDIR: scratch.dir,
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    POWERSHELL_TELEMETRY_OPTOUT: '1',
    POWERSHELL_UPDATECHECK: 'Off',
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
    NO_COLOR: '1',
    TERM: 'dumb',
  };
  if (secretManagement) env.PSModulePath = STANDIN_MODULES;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** Writes `text` as a .ps1 in the scratch folder; returns its path. */
export function writeScript(scratch: Scratch, text: string, name = 'ringcentral.ps1'): string {
  const file = scratch.file(name);
  writeFileSync(file, text);
  return file;
}

export function generate(options: Omit<PowerShellScriptOptions, 'generator'> & { generator?: string }): string {
  return powerShellScript({ generator: 'RingCentral Explorer (tests)', ...options });
}

/** Runs a script through harness.ps1 (see there) under pwsh; resolves when pwsh exits. */
export async function runScript(scratch: Scratch, script: string, o: RunOptions = {}): Promise<RunResult> {
  const out = scratch.file('out.json');
  const transcript = o.transcript ? scratch.file('transcript.txt') : '';
  const args = ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', HARNESS, '-Script', script, '-ArgumentsJson', JSON.stringify(o.args ?? {}), '-OutFile', out];
  if (transcript) args.push('-TranscriptFile', transcript);
  if (o.clockFile) args.push('-ClockFile', o.clockFile);
  return spawnPwsh(scratch, args, o, () => ({
    objects: existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, '')) as unknown[]) : [],
    transcript: transcript && existsSync(transcript) ? readFileSync(transcript, 'utf8') : '',
  }));
}

/** Runs a PowerShell command line (pwsh -Command) in the scratch folder. */
export function runCommand(scratch: Scratch, command: string, o: RunOptions = {}): Promise<RunResult> {
  return spawnPwsh(scratch, ['-NoLogo', '-NoProfile', '-NonInteractive', '-Command', command], o, () => ({ objects: [], transcript: '' }));
}

async function spawnPwsh(scratch: Scratch, args: string[], o: RunOptions, collect: () => { objects: unknown[]; transcript: string }): Promise<RunResult> {
  const started = Date.now();
  const child = spawn(pwsh().path, args, { cwd: scratch.dir, env: pwshEnv(scratch, o.env ?? {}, o.secretManagement ?? false), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timeoutMs = o.timeoutMs ?? 120_000;
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    if (o.during) await o.during();
    const code = await exited;
    return { code, stdout, stderr, ms: Date.now() - started, ...collect() };
  } finally {
    clearTimeout(timer);
  }
}

/** The emulator's app and JWT as the script's environment variables. */
export function credentialEnv(emu: Emulator, overrides: Partial<Record<'RC_CLIENT_ID' | 'RC_CLIENT_SECRET' | 'RC_JWT', string | undefined>> = {}): Record<string, string | undefined> {
  return { RC_CLIENT_ID: emu.app.clientId, RC_CLIENT_SECRET: emu.app.clientSecret, RC_JWT: emu.jwt, ...overrides };
}

/**
 * Every secret of a run: the client secret, the JWT, the Basic credential, and every token the emulator saw
 * (bearer headers, refresh and revoke bodies). Tokens the script received but never sent are in the emulator's
 * answers, not its log; a script prints nothing it did not also send, so these cover what could leak.
 */
export function secretsOf(emu: Emulator): string[] {
  const found = new Set<string>([emu.app.clientSecret, emu.jwt, Buffer.from(`${emu.app.clientId}:${emu.app.clientSecret}`).toString('base64')]);
  for (const r of emu.requests) {
    const auth = r.headers.authorization;
    if (typeof auth === 'string') found.add(auth.replace(/^(Bearer|Basic)\s+/i, ''));
    const form = new URLSearchParams(r.body);
    for (const key of ['assertion', 'refresh_token', 'token']) {
      const v = form.get(key);
      if (v) found.add(v);
    }
  }
  return [...found].filter((s) => s.length >= 8);
}

export function assertNoSecrets(where: string, text: string, secrets: readonly string[]): void {
  for (const s of secrets) assert.ok(!text.includes(s), `${where} holds a secret (${s.slice(0, 4)}…)`);
}

/** What a PowerShell stack dump or error record looks like; a clean failure shows none of it. */
export function assertNoStackDump(stderr: string): void {
  for (const marker of ['at <ScriptBlock>', 'ScriptStackTrace', 'CategoryInfo', 'FullyQualifiedErrorId', 'Line |', 'Exception calling', 'at System.', '+ ~~~']) {
    assert.ok(!stderr.includes(marker), `no stack dump (found "${marker}") in:\n${stderr}`);
  }
}

/** Resolves once `probe` holds (polling every 10 ms), or fails after `ms`. */
export async function until(what: string, probe: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** RFC 4180 fields, as Export-Csv writes them (quoted or not); rows as arrays of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const s = text.replace(/^\uFEFF/, '');
  while (i < s.length) {
    const ch = s[i] as string;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
