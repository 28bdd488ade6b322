import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ProcessCoordinator } from '../../src/core/auth/sessionCoordinator';
import { MemorySessionStore } from '../../src/core/auth/sessionStore';
import type { SessionChange } from '../../src/core/auth/tokenManager';
import { FolderCoordinator } from '../../src/core/coordination/folderCoordinator';
import { RingCentralError } from '../../src/core/errors';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { HOUR, rig, tokenRequests } from './support';

const ACCOUNT = '/restapi/v1.0/account/~';
const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const DAY = 24 * HOUR;

function isKind(kind: RingCentralError['kind']): (e: unknown) => boolean {
  return (e) => e instanceof RingCentralError && e.kind === kind;
}

describe('TokenManager: cancellation, lost answers, sign-out races, dead sessions, clocks', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ phoneNumbers: 5, unlimited: true });
  });
  afterEach(() => emu.close());

  it("one caller's cancel stops only its own wait: the shared refresh goes on and serves the others", async () => {
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(HOUR + 1000);
    emu.inject({ kind: 'delay', ms: 300, path: '/restapi/oauth/token' });
    const ctl = new AbortController();
    const cancelled = api.account({ signal: ctl.signal });
    const other = api.account();
    setTimeout(() => ctl.abort(), 50);
    await assert.rejects(cancelled, isKind('cancelled'));
    assert.ok((await other).id, 'the other caller got its answer');
    assert.equal(tokenRequests(emu, 'refresh_token'), 1);
    assert.equal(emu.requestsTo('/restapi/oauth/token').filter((r) => r.grantType === 'refresh_token')[0]?.status, 200, 'the refresh was not aborted');
  });

  it('a refresh whose answer was lost after the platform rotated is asked again and the session survives', async () => {
    const { tokens, api, store } = rig(emu, { tokens: { lostAnswerDelayMs: 20 } });
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(HOUR + 1000);
    emu.inject({ kind: 'resetAfter', path: '/restapi/oauth/token' });
    assert.ok((await api.account()).id);
    const refreshes = emu.requestsTo('/restapi/oauth/token').filter((r) => r.grantType === 'refresh_token');
    assert.deepEqual(refreshes.map((r) => [r.status, r.dropped === true]), [[200, true], [200, false]], 'rotated, answer lost; asked again, same pair replayed');
    assert.equal(refreshes[0]!.body, refreshes[1]!.body, 'the same refresh token both times');
    assert.ok((await store.read())?.session);
    assert.equal(emu.liveSessions(), 1);
  });

  it('a lost answer that cannot be repeated in time ends the session with words that say so, not "nothing was lost"', async () => {
    const events: SessionChange[] = [];
    const { tokens, api, store } = rig(emu, { tokens: { lostAnswerRetries: 0 } });
    tokens.onDidChange((c) => events.push(c));
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(HOUR + 1000);
    emu.inject({ kind: 'resetAfter', path: '/restapi/oauth/token' });
    await assert.rejects(api.account(), (e: unknown) => e instanceof RingCentralError && e.transient && !/Nothing was lost/.test(e.hint));
    emu.clock.advance(11_000); // past the platform's replay grace
    await assert.rejects(api.account(), (e: unknown) => e instanceof RingCentralError && e.kind === 'signedOut' && /answer was lost/.test(e.message));
    assert.equal((await store.read())?.session, undefined);
    assert.equal(events.at(-1)?.reason, 'ended', 'the session ended visibly');
  });

  it('...and with a stored JWT the lost session is replaced by one silent sign-in', async () => {
    const silent = { grant: () => Promise.resolve({ type: 'jwt' as const, assertion: emu.jwt }), refused: (e: RingCentralError) => Promise.resolve(e) };
    const { tokens, api } = rig(emu, { tokens: { lostAnswerRetries: 0, silent } });
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(HOUR + 1000);
    emu.inject({ kind: 'resetAfter', path: '/restapi/oauth/token' });
    await assert.rejects(api.account());
    emu.clock.advance(11_000);
    assert.ok((await api.account()).id);
    assert.equal(tokenRequests(emu, JWT_GRANT), 2);
  });

  it('sign-out during an in-flight refresh: the late pair is revoked, not stored, and nothing says "refreshed"', async () => {
    const events: SessionChange['reason'][] = [];
    const { tokens, api, store } = rig(emu);
    tokens.onDidChange((c) => events.push(c.reason));
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(HOUR + 1000);
    emu.inject({ kind: 'slowAnswer', ms: 400, path: '/restapi/oauth/token' });
    const calling = api.account();
    while (tokenRequests(emu, 'refresh_token') === 0) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(await tokens.signOut(), { hadSession: true, revoked: true });
    await assert.rejects(calling, isKind('signedOut'));
    assert.equal((await store.read())?.session, undefined);
    assert.equal(await tokens.session(), undefined);
    assert.ok(!events.includes('refreshed'), events.join(','));
    assert.equal(emu.requestsTo('/restapi/oauth/revoke', 'POST').length, 2, 'sign-out, then the late pair');
    assert.equal(emu.liveSessions(), 0);
  });

  it('a dead session ends after one refused silent sign-in: visibly, with the hint the method gives, and nothing re-posts the JWT', async () => {
    const events: SessionChange[] = [];
    const refusedBy: string[] = [];
    const silent = {
      grant: () => Promise.resolve({ type: 'jwt' as const, assertion: 'eyJhbGciOi.revoked.credential' }),
      refused: (e: RingCentralError) => {
        refusedBy.push(e.code ?? e.kind);
        return Promise.resolve(new RingCentralError({ kind: 'signedOut', code: e.code, message: 'RingCentral refused the stored JWT credential.', hint: 'Create a new JWT and sign in again.', action: 'signIn' }));
      },
    };
    const { tokens, api, store } = rig(emu, { tokens: { silent } });
    tokens.onDidChange((c) => events.push(c));
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(8 * DAY);
    await assert.rejects(api.account(), (e: unknown) => e instanceof RingCentralError && /Create a new JWT/.test(e.hint));
    assert.deepEqual(refusedBy, ['OAU-149']);
    assert.equal(events.at(-1)?.reason, 'ended');
    assert.match(events.at(-1)?.error?.hint ?? '', /Create a new JWT/);
    assert.equal((await store.read())?.session, undefined);
    const grants = tokenRequests(emu);
    for (let i = 0; i < 5; i++) await assert.rejects(api.account(), isKind('signedOut'));
    assert.equal(tokenRequests(emu), grants, 'no more token requests once the session ended');
  });

  it('expiry is judged by the platform clock: a window whose own clock runs two hours ahead does not refresh a fresh token', async () => {
    const store = new MemorySessionStore();
    const coordinator = new ProcessCoordinator();
    const right = rig(emu, { store, tokens: { coordinator } });
    const ahead = rig(emu, { store, tokens: { coordinator }, client: { clock: { now: () => emu.clock.now() + 2 * HOUR } } });
    await right.tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    for (let i = 0; i < 5; i++) await ahead.api.account();
    assert.equal(tokenRequests(emu, 'refresh_token'), 0, 'the token is fresh by the platform clock');
    assert.equal(emu.requestsTo(ACCOUNT, 'GET').filter((r) => r.status !== 200).length, 0);
    assert.ok(Math.abs(ahead.client.serverClock.offsetMs + 2 * HOUR) < 5000, `offset ${ahead.client.serverClock.offsetMs}`);
    // ...and once the platform's clock passes the margin, it refreshes before the server would refuse the token.
    emu.clock.advance(HOUR - 60_000);
    await ahead.api.account();
    assert.equal(tokenRequests(emu, 'refresh_token'), 1);
    assert.equal(emu.requestsTo(ACCOUNT, 'GET').filter((r) => r.status === 401).length, 0, 'refreshed proactively, no 401');
  });

  it('waits out an Auth penalty before taking the lock, so other windows are never blocked behind the gate', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'rc-lock-'));
    try {
      const coordinator = new FolderCoordinator({ folder, server: emu.url, staleMs: 60_000 });
      const { tokens, api, client } = rig(emu, { tokens: { coordinator } });
      await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
      emu.clock.advance(HOUR + 1000);
      await client.gates.get('Auth').observe({ status: 429, retryAfterSeconds: 1 });
      const calling = api.account();
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(readdirSync(folder).filter((f) => f.endsWith('.lock')), [], 'no lock held while the gate holds the refresh');
      assert.ok((await calling).id);
      assert.equal(tokenRequests(emu, 'refresh_token'), 1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
