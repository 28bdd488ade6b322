import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { csvColumns, linksLast, PHONE_NUMBER_COLUMNS } from '../../src/core/export/csv';
import type { ScriptTargetId } from '../../src/core/scripts/targets';
import type { Emulator, RecordedRequest } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import {
  assertNoSecrets,
  assertNoStackDump,
  credentialEnv,
  generate,
  parseCsv,
  pwsh,
  runCommand,
  runScript,
  Scratch,
  secretsOf,
  until,
  writeScript,
} from './support';

/**
 * Every generated script run for real: pwsh against the RingCentral emulator (test/emulator) over loopback HTTP.
 * Each test says which platform rule it exercises; the emulator's request log is the witness.
 */

const LIST = /^\/restapi\/v1\.0\/account\/[^/]+\/phone-number$/;
const phonePages = (emu: Emulator): RecordedRequest[] => emu.requests.filter((r) => r.method === 'GET' && LIST.test(r.path));
const tokenRequests = (emu: Emulator): RecordedRequest[] => emu.requests.filter((r) => r.path === '/restapi/oauth/token');
const revokes = (emu: Emulator): RecordedRequest[] => emu.requests.filter((r) => r.path === '/restapi/oauth/revoke');
const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const HOUR = 3600_000;

/** Flattens like the script's rows: nested objects to dot paths, arrays as JSON text. */
function flatten(record: Record<string, unknown>, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value as Record<string, unknown>, name, into);
    else into[name] = Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return into;
}

/** A cell as Export-Csv writes the value: text as is, booleans as True/False, nothing as empty. */
function cellOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

describe('generated PowerShell scripts under pwsh, against the emulator', function () {
  this.timeout(180_000);
  let scratch: Scratch;
  let emu: Emulator | undefined;

  before(() => {
    const info = pwsh();
    console.log(`      PowerShell ${info.version} (${info.edition}) at ${info.path}`);
    scratch = new Scratch();
  });
  after(() => scratch.dispose());
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  function script(target: ScriptTargetId, e: Emulator, path?: string): string {
    return writeScript(scratch, generate({ server: e.url, target, ...(path ? { path } : {}) }), `ringcentral-${target}.ps1`);
  }

  it('signs in with the JWT grant, reads 2,500 numbers in exactly 3 pages of 1000, writes the records as received, and revokes its session', async () => {
    emu = await startEmulator({ phoneNumbers: 2500 });
    const run = await runScript(scratch, script('phoneNumbers', emu), { args: { Raw: true }, env: credentialEnv(emu) });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const grants = tokenRequests(emu);
    assert.deepEqual(grants.map((r) => [r.grantType, r.status]), [[JWT_GRANT, 200]]);
    assert.equal(grants[0]?.headers.authorization, `Basic ${Buffer.from(`${emu.app.clientId}:${emu.app.clientSecret}`).toString('base64')}`);
    const pages = phonePages(emu);
    assert.equal(pages.length, 3);
    assert.deepEqual(pages.map((p) => [p.query.get('perPage'), p.status]), [['1000', 200], ['1000', 200], ['1000', 200]]);
    assert.deepEqual(run.objects, emu.data.phoneNumbers, 'the output equals the emulator records, field for field');
    assert.equal(revokes(emu).length, 1);
    assert.equal(emu.liveSessions(), 0, 'session revoked at the end');
  });

  it('flat rows feed Export-Csv with every field (the extension\'s column order) and Where-Object by field', async () => {
    emu = await startEmulator({ phoneNumbers: 2500 });
    const file = script('phoneNumbers', emu);
    const csv = scratch.file('numbers.csv');
    const run = await runCommand(
      scratch,
      `& '${file}' | Export-Csv -NoTypeInformation -Encoding UTF8 -Path '${csv}'; if ($LASTEXITCODE) { exit $LASTEXITCODE }; ` +
        `@(& '${file}' | Where-Object usageType -eq 'DirectNumber').Count`,
      { env: credentialEnv(emu) },
    );
    assert.equal(run.code, 0, run.stderr);
    const records = emu.data.phoneNumbers;
    assert.equal(Number(run.stdout.trim()), records.filter((r) => r.usageType === 'DirectNumber').length);
    const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8'));
    const flat = records.map((r) => flatten(r));
    assert.deepEqual(header, linksLast(csvColumns(records, PHONE_NUMBER_COLUMNS)));
    assert.equal(rows.length, records.length);
    rows.forEach((row, i) => {
      const expected = flat[i] as Record<string, unknown>;
      assert.deepEqual(row, (header ?? []).map((c) => cellOf(expected[c])), `row ${i + 1}`);
    });
    assert.equal(emu.liveSessions(), 0);
  });

  it('users with their numbers: one row per user, direct numbers joined by extension id, the primary one first', async () => {
    const e = (emu = await startEmulator({ phoneNumbers: 600, extensions: 40 }));
    const run = await runScript(scratch, script('usersWithNumbers', e), { env: credentialEnv(e) });
    assert.equal(run.code, 0, run.stderr);
    const users = e.data.extensions.filter((x) => x.type === 'User');
    const rows = run.objects as Record<string, unknown>[];
    assert.equal(rows.length, users.length);
    for (const [i, user] of users.entries()) {
      const mine = e.data.phoneNumbers.filter((n) => n.usageType === 'DirectNumber' && (n.extension as { id?: unknown } | undefined)?.id === user.id);
      const primary = mine.find((n) => n.primary === true) ?? mine[0];
      const contact = user.contact as Record<string, unknown>;
      assert.deepEqual(
        rows[i],
        {
          ExtensionId: user.id,
          ExtensionNumber: user.extensionNumber ?? null,
          Name: user.name,
          FirstName: contact.firstName ?? null,
          LastName: contact.lastName ?? null,
          Email: contact.email ?? null,
          Department: contact.department ?? null,
          Status: user.status,
          PhoneNumber: primary?.phoneNumber ?? null,
          PhoneNumbers: mine.map((n) => n.phoneNumber).join('; '),
        },
        String(user.name),
      );
    }
    assert.ok(rows.some((r) => r.PhoneNumber !== null), 'some users have numbers');
    const paths = e.requests.filter((r) => r.method === 'GET').map((r) => `${r.path}?${r.query.toString()}`);
    assert.ok(paths.includes('/restapi/v1.0/account/~/phone-number?usageType=DirectNumber&perPage=1000'), paths.join('\n'));
    assert.ok(paths.includes('/restapi/v1.0/account/~/extension?type=User&perPage=1000'), paths.join('\n'));
    assert.equal(emu.liveSessions(), 0);
  });

  it('account and any GET path: the object as sent (dates stay text), and a typed path paged with perPage=1000', async () => {
    // Three runs, six sign-ins and revokes: more than the Auth group's 5 a minute, which the script would wait out.
    emu = await startEmulator({ phoneNumbers: 10, extensions: 40, limits: { Auth: { limit: 20, windowMs: 60_000, penaltyMs: 60_000 } } });
    const account = await runScript(scratch, script('account', emu), { args: { Raw: true }, env: credentialEnv(emu) });
    assert.equal(account.code, 0, account.stderr);
    assert.deepEqual(account.objects, [emu.data.account]);
    const other = await runScript(scratch, script('path', emu, '/restapi/v1.0/account/~/extension?type=Department'), { args: { Raw: true }, env: credentialEnv(emu) });
    assert.equal(other.code, 0, other.stderr);
    assert.deepEqual(other.objects, emu.data.extensions.filter((e) => e.type === 'Department'));
    const sent = emu.requestsTo('/restapi/v1.0/account/~/extension', 'GET').at(-1);
    assert.equal(sent?.query.toString(), 'type=Department&perPage=1000');
    const shorthand = await runScript(scratch, script('path', emu, '/restapi/v1.0/account/~'), { args: { Raw: true, Path: 'account/~/extension/~' }, env: credentialEnv(emu) });
    assert.equal(shorthand.code, 0, shorthand.stderr);
    assert.deepEqual(shorthand.objects, [emu.data.me], 'a path without /restapi/v1.0 gets it');
    assert.equal(emu.liveSessions(), 0);
  });

  it('a run that outlives the access token (emulator clock) renews it once after the 401 and keeps every record', async () => {
    emu = await startEmulator({ phoneNumbers: 2500 });
    const e = emu;
    // Hold the first page long enough to move the clock past the token's hour while it is on the way.
    e.inject({ kind: 'delay', path: '/restapi/v1.0/account/~/phone-number', ms: 1500 });
    const run = await runScript(scratch, script('phoneNumbers', e), {
      args: { Raw: true },
      env: credentialEnv(e),
      during: async () => {
        await until('the first page request', () => phonePages(e).length > 0);
        e.clock.advance(HOUR + 60_000);
      },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(tokenRequests(e).map((r) => [r.grantType, r.status]), [[JWT_GRANT, 200], ['refresh_token', 200]], 'one renewal');
    assert.deepEqual(phonePages(e).map((p) => p.status), [401, 200, 200, 200], 'the expired token got one 401; the page was sent again');
    assert.equal(run.objects.length, 2500);
    assert.deepEqual(run.objects, e.data.phoneNumbers);
    assert.equal(e.liveSessions(), 0);
  });

  it('renews before the access token expires (no 401 at all) when its clock says the hour is nearly over', async () => {
    emu = await startEmulator({ phoneNumbers: 2500 });
    const e = emu;
    const clock = scratch.file('clock.txt');
    writeFileSync(clock, '0');
    e.inject({ kind: 'delay', path: '/restapi/v1.0/account/~/phone-number', ms: 1500 });
    const run = await runScript(scratch, script('phoneNumbers', e), {
      args: { Raw: true },
      env: credentialEnv(e),
      clockFile: clock,
      during: async () => {
        await until('the first page request', () => phonePages(e).length > 0);
        // 30 s of the token's hour left on both clocks: page 1 still passes, page 2 must not go out with it.
        e.clock.advance(HOUR - 30_000);
        writeFileSync(clock, String((HOUR - 30_000) / 1000));
      },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(tokenRequests(e).map((r) => [r.grantType, r.status]), [[JWT_GRANT, 200], ['refresh_token', 200]]);
    assert.deepEqual(phonePages(e).map((p) => p.status), [200, 200, 200], 'no request with a dying token');
    const refresh = tokenRequests(e)[1] as RecordedRequest;
    assert.ok(refresh.at < (phonePages(e)[1] as RecordedRequest).at, 'renewed before page 2');
    assert.deepEqual(run.objects, e.data.phoneNumbers);
    assert.equal(e.liveSessions(), 0);
  });

  it('each rotated refresh token is used once, and the JWT signs in again when the refresh token is gone', async () => {
    emu = await startEmulator({ phoneNumbers: 3000 });
    const e = emu;
    // Every page request is held a moment, so the clock can move while it is on the way.
    e.inject({ kind: 'delay', path: '/restapi/v1.0/account/~/phone-number', ms: 1000, times: 10 });
    const arrived = (page: string | null): boolean => phonePages(e).some((p) => p.query.get('page') === page);
    let moved = 0;
    const run = await runScript(scratch, script('phoneNumbers', e), {
      args: { Raw: true },
      env: credentialEnv(e),
      during: async () => {
        // Page 1: the access token expires on the way (renewal with refresh token #1).
        await until('page 1', () => arrived(null));
        e.clock.advance(HOUR + 60_000);
        moved++;
        // Page 2: it expires again (renewal with refresh token #2, the rotated one).
        await until('page 2', () => arrived('2'));
        e.clock.advance(HOUR + 60_000);
        moved++;
        // Page 3: eight days pass, so the refresh token has lapsed too: the JWT signs in again.
        await until('page 3', () => arrived('3'));
        e.clock.advance(8 * 24 * HOUR);
        moved++;
      },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(moved, 3);
    const grants = tokenRequests(e);
    assert.deepEqual(
      grants.map((r) => [r.grantType, r.status]),
      [[JWT_GRANT, 200], ['refresh_token', 200], ['refresh_token', 200], ['refresh_token', 400], [JWT_GRANT, 200]],
    );
    const used = grants.filter((r) => r.grantType === 'refresh_token').map((r) => new URLSearchParams(r.body).get('refresh_token'));
    assert.equal(new Set(used).size, used.length, 'no refresh token sent twice');
    assert.deepEqual(run.objects, e.data.phoneNumbers);
    assert.equal(e.liveSessions(), 0, 'the second session is revoked too; the first had lapsed');
  });

  it('a session revoked elsewhere mid-run: one 401, the refresh is refused (OAU-211), the JWT signs in again', async () => {
    emu = await startEmulator({ phoneNumbers: 1500 });
    const e = emu;
    e.inject({ kind: 'delay', path: '/restapi/v1.0/account/~/phone-number', ms: 1200 });
    const run = await runScript(scratch, script('phoneNumbers', e), {
      args: { Raw: true },
      env: credentialEnv(e),
      during: async () => {
        await until('page 1', () => phonePages(e).length >= 1);
        e.revokeAllSessions();
      },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(tokenRequests(e).map((r) => [r.grantType, r.status]), [[JWT_GRANT, 200], ['refresh_token', 400], [JWT_GRANT, 200]]);
    assert.deepEqual(run.objects, e.data.phoneNumbers);
    assert.equal(e.liveSessions(), 0);
  });

  it('a tight Heavy limit: waits out the penalty without sending during it, paces by X-Rate-Limit-Remaining, and gets every page', async () => {
    const penaltyMs = 3000;
    emu = await startEmulator({ phoneNumbers: 2500, limits: { Heavy: { limit: 2, windowMs: 3000, penaltyMs } } });
    const e = emu;
    const mine = await signInDirectly(e);
    // The script's sign-in is held for a second; meanwhile the same user and app spend the Heavy quota and
    // trip the penalty, so the script's first page meets a penalty in force.
    e.inject({ kind: 'delay', path: '/restapi/oauth/token', ms: 1000 });
    const run = await runScript(scratch, script('phoneNumbers', e), {
      args: { Raw: true },
      env: credentialEnv(e),
      during: async () => {
        await until('the script signing in', () => tokenRequests(e).length > 1);
        for (let i = 0; i < 3; i++) await fetch(`${e.url}/restapi/v1.0/account/~/phone-number?perPage=1`, { headers: { Authorization: `Bearer ${mine}` } });
      },
    });
    assert.equal(run.code, 0, run.stderr);
    const pages = phonePages(e).filter((p) => p.query.get('perPage') === '1000');
    assert.deepEqual(pages.map((p) => p.status), [429, 200, 200, 200], 'one 429, then every page');
    const [refused, p1, p2, p3] = pages as [RecordedRequest, RecordedRequest, RecordedRequest, RecordedRequest];
    assert.ok(p1.at - refused.at >= penaltyMs, `no request during the penalty (${p1.at - refused.at} ms after the 429)`);
    assert.ok(p3.at - p2.at >= 3000, `quota spent after page 2: page 3 waited the 3 s window (${p3.at - p2.at} ms)`);
    assert.match(run.stdout + run.stderr, /rate limit reached \(heavy group\): waiting 3 s/);
    assert.deepEqual(run.objects, e.data.phoneNumbers);
    await revokeDirectly(e, mine);
    assert.equal(e.liveSessions(), 0);
  });

  it('a 429 without Retry-After waits RingCentral\'s full 60 s penalty', async function () {
    this.timeout(150_000);
    emu = await startEmulator({ phoneNumbers: 5 });
    emu.inject({ kind: 'status', status: 429, path: '/restapi/v1.0/account/~/phone-number' });
    const run = await runScript(scratch, script('phoneNumbers', emu), { args: { Raw: true }, env: credentialEnv(emu) });
    assert.equal(run.code, 0, run.stderr);
    const [refused, page] = phonePages(emu) as [RecordedRequest, RecordedRequest];
    assert.equal(refused.status, 429);
    assert.ok(page.at - refused.at >= 60_000, `waited ${page.at - refused.at} ms`);
    assert.equal(run.objects.length, 5);
  });

  it('502 and a dropped connection on a page are retried; the records are all there once', async () => {
    emu = await startEmulator({ phoneNumbers: 2500 });
    emu.inject({ kind: 'html', status: 502, path: '/restapi/v1.0/account/~/phone-number' });
    emu.inject({ kind: 'reset', path: '/restapi/v1.0/account/~/phone-number' });
    const run = await runScript(scratch, script('phoneNumbers', emu), { args: { Raw: true }, env: credentialEnv(emu) });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(phonePages(emu).map((p) => p.status), [502, 0, 200, 200, 200]);
    assert.deepEqual(run.objects, emu.data.phoneNumbers);
    assert.match(run.stdout, /connection dropped/);
  });

  for (const [name, setup, expected, code] of [
    [
      'a wrong JWT',
      (e: Emulator) => ({ env: credentialEnv(e, { RC_JWT: 'eyJhbGciOiJub25lIn0.e30.wrong' }) }),
      /^RingCentral: RingCentral refused the sign-in with the JWT credential: Invalid token \(OAU-149\)\.\nWhat to do: Create a new JWT in the RingCentral Developer Console .*environment variable RC_JWT.*\n$/s,
      1,
    ],
    [
      'a wrong client secret',
      (e: Emulator) => ({ env: credentialEnv(e, { RC_CLIENT_SECRET: 'not-the-secret-at-all' }) }),
      /^RingCentral: RingCentral refused the sign-in with the JWT credential: Invalid client \(OAU-153\)\.\nWhat to do: The client ID or client secret is wrong\./,
      1,
    ],
    [
      'a missing secret',
      (e: Emulator) => ({ env: credentialEnv(e, { RC_CLIENT_SECRET: undefined, RC_JWT: undefined }) }),
      /^RingCentral: Missing client secret \(SecretManagement secret RingCentralClientSecret or environment variable RC_CLIENT_SECRET\); JWT credential \(SecretManagement secret RingCentralJwt or environment variable RC_JWT\)\.\nWhat to do: Store each once with SecretManagement/,
      2,
    ],
    [
      'an unreachable server',
      (e: Emulator) => ({ env: credentialEnv(e), args: { Server: 'http://127.0.0.1:9' } }),
      /^RingCentral: Could not reach 127\.0\.0\.1:9 \(connection refused\) for POST \/restapi\/oauth\/token\.\nWhat to do: Check the network connection/,
      1,
    ],
    [
      'a hanging server',
      (e: Emulator) => {
        e.inject({ kind: 'hang', path: '/restapi/oauth/token' });
        return { env: credentialEnv(e), args: { TimeoutSec: 5 } };
      },
      /^RingCentral: Could not reach 127\.0\.0\.1:\d+ \(no answer within 5 s\) for POST \/restapi\/oauth\/token\.\n/,
      1,
    ],
    [
      'a body that is not JSON',
      (e: Emulator) => {
        e.inject({ kind: 'malformed', path: '/restapi/v1.0/account/~/phone-number' });
        return { env: credentialEnv(e) };
      },
      /^RingCentral: RingCentral answered GET \/restapi\/v1\.0\/account\/~\/phone-number with something that is not JSON \("<<< upstream answered: this is not JSON >>>"\)\.\nWhat to do: The answer was damaged/,
      1,
    ],
    [
      'a plain-http server elsewhere',
      (e: Emulator) => ({ env: credentialEnv(e), args: { Server: 'http://platform.example.com' } }),
      /^RingCentral: -Server http:\/\/platform\.example\.com is not secure/,
      2,
    ],
  ] as const) {
    it(`${name}: a clear message and what to do, exit ${code}, no stack dump, nothing left open`, async () => {
      emu = await startEmulator({ phoneNumbers: 5 });
      const o = setup(emu);
      const run = await runScript(scratch, script('phoneNumbers', emu), { ...o, timeoutMs: 60_000 });
      assert.equal(run.code, code, run.stderr);
      assert.match(run.stderr, expected);
      assertNoStackDump(run.stderr);
      assert.deepEqual(run.objects, []);
      assertNoSecrets('stderr', run.stderr, secretsOf(emu));
      assert.equal(emu.liveSessions(), 0);
    });
  }

  it('revokes its session when a downstream Select-Object -First stops the pipeline early', async () => {
    emu = await startEmulator({ phoneNumbers: 2500 });
    const file = script('phoneNumbers', emu);
    const run = await runCommand(scratch, `@(& '${file}' | Select-Object -First 3).Count`, { env: credentialEnv(emu) });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), '3');
    assert.equal(phonePages(emu).length, 1, 'stopped after the first page');
    assert.equal(revokes(emu).length, 1);
    assert.equal(emu.liveSessions(), 0);
  });

  it('runs scheduled many times without piling up sessions against the five-session cap', async () => {
    emu = await startEmulator({ phoneNumbers: 5, maxSessions: 5, limits: { Auth: { limit: 100, windowMs: 60_000, penaltyMs: 60_000 } } });
    const file = script('phoneNumbers', emu);
    const run = await runCommand(scratch, `foreach ($i in 1..7) { $null = & '${file}'; if ($LASTEXITCODE) { exit $LASTEXITCODE } }; 'ok'`, { env: credentialEnv(emu) });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(revokes(emu).length, 7);
    assert.equal(emu.liveSessions(), 0);
  });

  it('no secret in stdout, stderr, the objects or a Start-Transcript transcript, even with -Verbose and across a renewal', async () => {
    emu = await startEmulator({ phoneNumbers: 1200 });
    const e = emu;
    e.inject({ kind: 'delay', path: '/restapi/v1.0/account/~/phone-number', ms: 1200 });
    const run = await runScript(scratch, script('phoneNumbers', e), {
      args: { Verbose: true },
      env: credentialEnv(e),
      transcript: true,
      during: async () => {
        await until('page 1', () => phonePages(e).length >= 1);
        e.clock.advance(HOUR + 60_000);
      },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.transcript, /PowerShell transcript start/);
    assert.match(run.transcript, /Session renewed/, 'the transcript has the verbose trail');
    assert.match(run.stdout, /GET \/restapi\/v1\.0\/account\/~\/phone-number -> 200/);
    const secrets = secretsOf(e);
    assert.ok(secrets.length >= 7, `secrets collected: ${secrets.length}`);
    assertNoSecrets('stdout', run.stdout, secrets);
    assertNoSecrets('stderr', run.stderr, secrets);
    assertNoSecrets('transcript', run.transcript, secrets);
    assertNoSecrets('objects', JSON.stringify(run.objects), secrets);
    assert.equal(e.liveSessions(), 0);
  });

  it('reads the credentials from SecretManagement (Get-Secret stand-in) before the environment, and names what is missing', async () => {
    emu = await startEmulator({ phoneNumbers: 5 });
    const secrets = scratch.file('secrets.json');
    writeFileSync(secrets, JSON.stringify({ Store: { RingCentralClientId: emu.app.clientId, RingCentralClientSecret: { secureString: emu.app.clientSecret }, RingCentralJwt: emu.jwt } }));
    const env = { RC_TEST_SECRETS_FILE: secrets, RC_CLIENT_ID: 'env-id-that-would-fail', RC_CLIENT_SECRET: 'env-secret-that-would-fail', RC_JWT: 'env.jwt.fail' };
    const ok = await runScript(scratch, script('phoneNumbers', emu), { env, secretManagement: true, args: { Verbose: true } });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /client ID from SecretManagement secret RingCentralClientId, client secret from SecretManagement secret RingCentralClientSecret, JWT from SecretManagement secret RingCentralJwt/);
    assert.equal(tokenRequests(emu)[0]?.status, 200);

    // A secret the vault lacks falls back to the environment; one in neither place is named.
    writeFileSync(secrets, JSON.stringify({ Store: { RingCentralClientId: emu.app.clientId } }));
    const partial = await runScript(scratch, script('phoneNumbers', emu), { env: { RC_TEST_SECRETS_FILE: secrets, RC_JWT: emu.jwt }, secretManagement: true });
    assert.equal(partial.code, 2);
    assert.match(partial.stderr, /^RingCentral: Missing client secret \(SecretManagement secret RingCentralClientSecret or environment variable RC_CLIENT_SECRET\)\.\n/);
    assertNoStackDump(partial.stderr);

    // An unknown -SecretVault is said, not silently skipped.
    const vault = await runScript(scratch, script('phoneNumbers', emu), { env: { RC_TEST_SECRETS_FILE: secrets }, secretManagement: true, args: { SecretVault: 'Nope' } });
    assert.equal(vault.code, 2);
    assert.match(vault.stderr, /SecretManagement could not read the secret RingCentralClientId: Vault not found in registry: Nope\./);
    assertNoStackDump(vault.stderr);
    assert.equal(emu.liveSessions(), 0);
  });

  it('refuses to follow a next-page link to another host, and says so', async () => {
    emu = await startEmulator({ phoneNumbers: 1500 });
    const e = emu;
    const mine = await signInDirectly(e);
    const first = (await (await fetch(`${e.url}/restapi/v1.0/account/~/phone-number?perPage=1000`, { headers: { Authorization: `Bearer ${mine}` } })).json()) as { navigation: { nextPage: { uri: string } } };
    first.navigation.nextPage.uri = 'https://attacker.example/restapi/v1.0/account/1/phone-number?page=2';
    e.inject({ kind: 'status', status: 200, body: first, path: '/restapi/v1.0/account/~/phone-number' });
    e.revokeAllSessions();
    e.clearRequests();
    const run = await runScript(scratch, script('phoneNumbers', e), { args: { Raw: true }, env: credentialEnv(e) });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^RingCentral: RingCentral's link to the next page \(https:\/\/attacker\.example\/restapi\/v1\.0\/account\/1\/phone-number\?page=2\) is not on http:\/\/127\.0\.0\.1:\d+; the script follows links only there\.\n/);
    assert.equal(run.objects.length, 1000, 'the first page was written');
    assert.equal(e.liveSessions(), 0);
  });
});

function basic(e: Emulator): string {
  return `Basic ${Buffer.from(`${e.app.clientId}:${e.app.clientSecret}`).toString('base64')}`;
}

/** A session of the same user and app as the script's, straight from the emulator's token endpoint. */
async function signInDirectly(e: Emulator): Promise<string> {
  const res = await fetch(`${e.url}/restapi/oauth/token`, {
    method: 'POST',
    headers: { Authorization: basic(e), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: JWT_GRANT, assertion: e.jwt }).toString(),
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function revokeDirectly(e: Emulator, token: string): Promise<void> {
  await fetch(`${e.url}/restapi/oauth/revoke`, {
    method: 'POST',
    headers: { Authorization: basic(e), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });
}
