import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { StoredRecord } from '../../src/core/auth/session';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { HOUR, listRequests, tokenRequests } from './support';
import type { WindowConfig } from './windows/protocol';
import { Windows, type WindowHandle } from './windows/windows';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const DAY = 24 * HOUR;

type Calls = { ok: number; errors: string[] };
type SessionView = { generation: number; access: string } | undefined;

/** Polls until `probe` holds; the store reaches other windows only after VS Code's delayed flush. */
async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function allSee(windows: WindowHandle[], generation: number): Promise<void> {
  await until(`every window to see generation ${generation}`, async () => {
    const views = await Promise.all(windows.map((w) => w.ask<SessionView>({ op: 'session' })));
    return views.every((v) => v?.generation === generation);
  });
}

/** Windows in separate processes on the VS Code-like SecretStorage double (test/doubles/vscodeSecretStorage.ts). */
describe('several windows in separate processes on VS Code-like SecretStorage', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let windows: Windows;
  let folder: string;

  function config(extra: Partial<WindowConfig> = {}): WindowConfig {
    return { server: emu.url, app: { ...emu.app }, folder, flushDelayMs: 100, timeoutMs: 10_000, ...extra };
  }

  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'rc-windows-'));
    // A slow main process: a write reaches the other windows 300 ms after the writer's 100 ms flush.
    windows = new Windows({ broadcastDelayMs: 300 });
  });
  afterEach(async () => {
    await windows.closeAll();
    await emu?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('two windows at expiry: one token request, both keep working, both end up on the same pair', async () => {
    emu = await startEmulator({ phoneNumbers: 5, unlimited: true });
    const [a, b] = await windows.open(2, config());
    const generation = await a!.ask<number>({ op: 'signIn', jwt: emu.jwt });
    await allSee([a!, b!], generation);
    emu.clock.advance(HOUR + 1000);
    const [ra, rb] = await Promise.all([a!.ask<Calls>({ op: 'calls', count: 10 }), b!.ask<Calls>({ op: 'calls', count: 10 })]);
    assert.deepEqual([ra.errors, rb.errors], [[], []]);
    assert.equal(ra.ok + rb.ok, 20);
    assert.equal(tokenRequests(emu, 'refresh_token'), 1, 'one refresh for both windows');
    await allSee([a!, b!], generation + 1);
    const [sa, sb] = await Promise.all([a!.ask<SessionView>({ op: 'session' }), b!.ask<SessionView>({ op: 'session' })]);
    assert.equal(sa?.access, sb?.access);
  });

  it('control: without the shared lock the same race spends the refresh token twice (what the store alone gives)', async () => {
    emu = await startEmulator({ phoneNumbers: 5, unlimited: true });
    const [a, b] = await windows.open(2, config({ isolated: true }));
    const generation = await a!.ask<number>({ op: 'signIn', jwt: emu.jwt });
    await allSee([a!, b!], generation);
    emu.clock.advance(HOUR + 1000);
    await Promise.all([a!.ask<Calls>({ op: 'calls', count: 10 }), b!.ask<Calls>({ op: 'calls', count: 10 })]);
    assert.equal(tokenRequests(emu, 'refresh_token'), 2, 'each window refreshed: SecretStorage cannot exclude');
  });

  it('six windows waking after the refresh token lapsed sign in again once: no session evicted', async () => {
    emu = await startEmulator({ phoneNumbers: 5, unlimited: true });
    // The JWT is stored (SecretStorage), so each of the six could sign in silently.
    const six = await windows.open(6, config({ jwt: emu.jwt }));
    const generation = await six[0]!.ask<number>({ op: 'signIn', jwt: emu.jwt });
    await allSee(six, generation);
    emu.clock.advance(8 * DAY); // the laptop slept for a week and a day
    const results = await Promise.all(six.map((w) => w.ask<Calls>({ op: 'calls', count: 3 })));
    assert.deepEqual(results.map((r) => r.errors), [[], [], [], [], [], []]);
    assert.equal(tokenRequests(emu, JWT_GRANT), 2, 'the first sign-in, and one silent sign-in for all six windows');
    assert.equal(tokenRequests(emu, 'refresh_token'), 0, 'a lapsed refresh token is not sent');
    assert.equal(emu.liveSessions(), 1, 'one live session: nothing was evicted by the five-session cap');
  });

  it('sign-out in one window while another renews: the late pair is revoked, never stored, in no window', async () => {
    emu = await startEmulator({ phoneNumbers: 5, unlimited: true });
    const [a, b] = await windows.open(2, config());
    const generation = await a!.ask<number>({ op: 'signIn', jwt: emu.jwt });
    await allSee([a!, b!], generation);
    emu.clock.advance(HOUR + 1000);
    // The platform rotates at once; its answer reaches window B only after A has signed out.
    emu.inject({ kind: 'slowAnswer', ms: 1500, path: '/restapi/oauth/token' });
    const calling = b!.ask<Calls>({ op: 'calls', count: 1 });
    await until('the refresh to reach the platform', () => Promise.resolve(tokenRequests(emu, 'refresh_token') === 1));
    const signedOutAt = Date.now();
    assert.deepEqual(await a!.ask({ op: 'signOut' }), { hadSession: true, revoked: true });
    const result = await calling;
    assert.equal(result.ok, 0);
    assert.match(result.errors[0] ?? '', /signedOut/);
    await new Promise((r) => setTimeout(r, 800)); // every flush has landed
    const late = windows.central.updates.filter((u) => u.at > signedOutAt && u.change.changed.some(([, v]) => (JSON.parse(v) as StoredRecord).session));
    assert.deepEqual(late, [], 'no session was written after sign-out');
    assert.deepEqual(await Promise.all([a!.ask({ op: 'session' }), b!.ask({ op: 'session' })]), [undefined, undefined]);
    assert.equal(emu.requestsTo('/restapi/oauth/revoke', 'POST').length, 2, 'the sign-out, and the late pair');
    assert.equal(emu.liveSessions(), 0);
  });

  for (const count of [2, 3]) {
    it(`${count} windows loading 25,000 numbers at once share the quota: at most one 429, nothing sent during a penalty`, async () => {
      const penaltyMs = 2000;
      emu = await startEmulator({ phoneNumbers: 25_000, limits: { Heavy: { limit: 10, windowMs: 1000, penaltyMs } } });
      const opened = await windows.open(count, config());
      const generation = await opened[0]!.ask<number>({ op: 'signIn', jwt: emu.jwt });
      await allSee(opened, generation);
      const loads = await Promise.all(opened.map((w) => w.ask<{ records: number; error?: string }>({ op: 'load' })));
      assert.deepEqual(loads, opened.map(() => ({ records: 25_000 })));
      const sent = listRequests(emu);
      const rejected = sent.filter((r) => r.status === 429);
      assert.ok(rejected.length <= 1, `${rejected.length} 429s`);
      for (const r of rejected) {
        const during = sent.filter((s) => s.at > r.at && s.at < r.at + penaltyMs);
        assert.deepEqual(during, [], 'nothing was sent during the penalty');
      }
      assert.equal(sent.filter((r) => r.status === 200).length, 25 * count);
    });
  }

  it('control: windows that keep their own rate windows overrun the shared quota and meet 429s', async () => {
    emu = await startEmulator({ phoneNumbers: 25_000, limits: { Heavy: { limit: 10, windowMs: 1000, penaltyMs: 2000 } } });
    const opened = await windows.open(2, config({ isolated: true }));
    const generation = await opened[0]!.ask<number>({ op: 'signIn', jwt: emu.jwt });
    await allSee(opened, generation);
    await Promise.all(opened.map((w) => w.ask({ op: 'load' })));
    // Each window's 429 restarts the penalty the other one is waiting out: a stream of them (often a failed load too).
    assert.ok(listRequests(emu).filter((r) => r.status === 429).length > 1, 'more than one 429 without a shared book');
  });
});
