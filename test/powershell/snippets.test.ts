import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { toCurl, toPowerShell, TOKEN_VARIABLE, type SnippetRequest } from '../../src/core/snippets';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { runCommand, Scratch, writeScript } from './support';

/**
 * "Copy Request as cURL / PowerShell" snippets, executed for real against the emulator with a real access token in
 * the variable they read ($RC_ACCESS_TOKEN in bash, $env:RC_ACCESS_TOKEN in PowerShell). The requests are built as
 * the Copy Request command builds them (src/ui/commands/requestCommands.ts): GET, Accept: application/json, the token
 * as a placeholder.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Dates as epoch milliseconds, everything else as is. */
function sameInstants(value: unknown): unknown {
  if (typeof value === 'string' && ISO_DATE.test(value)) return Date.parse(value);
  if (Array.isArray(value)) return value.map(sameInstants);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sameInstants(v)]));
  return value;
}

/** bash -c, without blocking: the emulator answering curl runs in this very process. */
function bash(script: string, env: Record<string, string | undefined>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('copied cURL and PowerShell snippets run against the emulator with a real token', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let scratch: Scratch;
  let token: string;

  before(async () => {
    scratch = new Scratch();
    emu = await startEmulator({ phoneNumbers: 1500 });
    const res = await fetch(`${emu.url}/restapi/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${emu.app.clientId}:${emu.app.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emu.jwt }).toString(),
    });
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  after(async () => {
    await emu.close();
    scratch.dispose();
  });

  const copied = (path: string): SnippetRequest => ({ method: 'GET', url: emu.url + path, headers: { Accept: 'application/json' }, token: { placeholder: true } });
  const cases: [string, string, (e: Emulator) => unknown][] = [
    ['the account', '/restapi/v1.0/account/~', (e) => e.data.account],
    ['the signed-in user', '/restapi/v1.0/account/~/extension/~', (e) => e.data.me],
    ['page 1 of the company numbers', '/restapi/v1.0/account/~/phone-number?perPage=1000&page=1', (e) => e.data.phoneNumbers.slice(0, 1000)],
    ['direct numbers, a repeated filter', '/restapi/v1.0/account/~/phone-number?usageType=DirectNumber&usageType=MainCompanyNumber&perPage=1000&page=2', (e) => e.data.phoneNumbers.filter((n) => n.usageType === 'DirectNumber' || n.usageType === 'MainCompanyNumber').slice(1000, 2000)],
  ];

  for (const [what, path, expected] of cases) {
    it(`cURL: ${what}`, async () => {
      const snippet = toCurl(copied(path));
      assert.ok(!snippet.includes(token), 'the snippet holds no token');
      const r = await bash(`set -e\n${snippet} --silent --show-error --fail --max-time 30`, { PATH: process.env.PATH, [TOKEN_VARIABLE]: token });
      assert.equal(r.status, 0, r.stderr);
      const body = JSON.parse(r.stdout) as { records?: unknown };
      assert.deepEqual(body.records ?? body, expected(emu));
    });

    it(`PowerShell: ${what}`, async () => {
      const snippet = toPowerShell(copied(path));
      assert.ok(!snippet.includes(token), 'the snippet holds no token');
      const file = writeScript(scratch, `${snippet} | ConvertTo-Json -Depth 20 -Compress`, 'snippet.ps1');
      const run = await runCommand(scratch, `& '${file}'`, { env: { [TOKEN_VARIABLE]: token } });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
      const body = JSON.parse(run.stdout) as { records?: unknown };
      // Invoke-RestMethod in PowerShell 7 turns ISO date strings into DateTime (ConvertTo-Json writes them back
      // without the milliseconds): the same instant, which is what a snippet user gets.
      assert.deepEqual(sameInstants(body.records ?? body), sameInstants(expected(emu)));
    });
  }

  it('without the variable set, both fail with the server\'s 401 (the live token is never in a snippet)', async () => {
    const path = '/restapi/v1.0/account/~';
    const curl = await bash(`${toCurl(copied(path))} --silent --show-error --fail --max-time 30`, { PATH: process.env.PATH });
    assert.notEqual(curl.status, 0);
    assert.match(curl.stderr, /401/);
    const file = writeScript(scratch, toPowerShell(copied(path)), 'snippet.ps1');
    const run = await runCommand(scratch, `try { & '${file}' } catch { 'status ' + [int] $_.Exception.Response.StatusCode; exit 1 }`);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /status 401/);
  });
});
