import assert from 'node:assert/strict';
import type { StoredRecord } from '../../src/core/auth/session';
import { ProcessCoordinator } from '../../src/core/auth/sessionCoordinator';
import { MemorySessionStore, type SessionStore } from '../../src/core/auth/sessionStore';
import { TokenEndpoint } from '../../src/core/auth/tokenEndpoint';
import { RingCentralError } from '../../src/core/errors';
import type { Transport } from '../../src/core/http/transport';
import { undiciTransport } from '../../src/core/http/undiciTransport';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { HOUR, rig, tokenRequests } from './support';

const ACCOUNT = '/restapi/v1.0/account/~';

describe('TokenManager: the token lifecycle', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ phoneNumbers: 10, unlimited: true });
  });
  afterEach(() => emu.close());

  it('signs in, stores absolute expiries, and serves the token without a refresh while it is fresh', async () => {
    const { tokens, store, api } = rig(emu);
    const before = emu.clock.now();
    const session = await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    assert.ok(session.accessTokenExpiresAt >= before + HOUR - 1000 && session.accessTokenExpiresAt <= emu.clock.now() + HOUR);
    assert.ok((session.refreshTokenExpiresAt ?? 0) > session.accessTokenExpiresAt);
    assert.deepEqual((await store.read())?.session, session);
    await api.account();
    await api.account();
    assert.equal(tokenRequests(emu), 1);
  });

  it('refreshes proactively inside the margin, before the server would refuse the token', async () => {
    const { tokens, api } = rig(emu, { tokens: { refreshMarginMs: 5 * 60_000 } });
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(HOUR - 4 * 60_000);
    await api.account();
    assert.equal(tokenRequests(emu, 'refresh_token'), 1);
    assert.equal(emu.requestsTo(ACCOUNT, 'GET').filter((r) => r.status === 401).length, 0);
  });

  it('50 concurrent callers at expiry share exactly one refresh', async () => {
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(HOUR + 1000);
    const results = await Promise.all(Array.from({ length: 50 }, () => api.account()));
    assert.equal(results.length, 50);
    assert.equal(tokenRequests(emu, 'refresh_token'), 1);
    assert.equal(emu.requestsTo(ACCOUNT, 'GET').filter((r) => r.status !== 200).length, 0);
  });

  it('two managers sharing one store and coordinator race at expiry: one token request, both keep working', async () => {
    const store = new MemorySessionStore();
    const coordinator = new ProcessCoordinator();
    const a = rig(emu, { store, tokens: { coordinator } });
    const b = rig(emu, { store, tokens: { coordinator } });
    await a.tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    await b.api.account(); // b picks the session up from the store
    emu.clock.advance(HOUR + 1000);
    await Promise.all([...Array.from({ length: 10 }, () => a.api.account()), ...Array.from({ length: 10 }, () => b.api.account())]);
    assert.equal(tokenRequests(emu, 'refresh_token'), 1);
    assert.equal((await a.tokens.session())?.accessToken, (await b.tokens.session())?.accessToken);
    assert.equal(emu.requestsTo(ACCOUNT, 'GET').filter((r) => r.status !== 200).length, 0);
  });

  it('persists the rotated pair before the new token is used', async () => {
    const events: string[] = [];
    const inner = new MemorySessionStore();
    const store: SessionStore = {
      read: () => inner.read(),
      write: async (r: StoredRecord) => {
        if (r.session) events.push(`stored ${r.session.accessToken}`);
        await inner.write(r);
      },
    };
    const base = undiciTransport();
    const transport: Transport = (req) => {
      const auth = req.headers.Authorization ?? '';
      if (auth.startsWith('Bearer ')) events.push(`used ${auth.slice(7)}`);
      return base(req);
    };
    const { tokens, api } = rig(emu, { store, transport });
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(HOUR);
    await api.account();
    const rotated = (await store.read())?.session?.accessToken ?? '';
    assert.ok(events.indexOf(`stored ${rotated}`) >= 0);
    assert.ok(events.indexOf(`stored ${rotated}`) < events.indexOf(`used ${rotated}`), events.join('\n'));
  });

  it('after invalid_grant, re-reads the store and recovers with the pair another process rotated', async () => {
    const store = new MemorySessionStore();
    const endpoint = new TokenEndpoint(rig(emu).client);
    const base = undiciTransport();
    let interfered = false;
    // Another process that shares the store but not our lock (a remote window) rotates between our read and our request.
    const transport: Transport = async (req) => {
      if (!interfered && req.url.endsWith('/restapi/oauth/token') && req.body?.includes('grant_type=refresh_token')) {
        interfered = true;
        const record = await store.read();
        const session = record?.session;
        assert.ok(session?.refreshToken);
        const token = await endpoint.refresh(emu.app, session.refreshToken);
        emu.clock.advance(11_000); // past the grace: our copy of the refresh token is now refused
        const now = emu.clock.now();
        await store.write({ session: { ...session, accessToken: token.access_token, refreshToken: token.refresh_token ?? '', accessTokenExpiresAt: now + HOUR, refreshedAt: now } });
      }
      return base(req);
    };
    const { tokens, api } = rig(emu, { store, transport });
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(HOUR);
    const account = await api.account();
    assert.ok(account.id);
    const refused = emu.requestsTo('/restapi/oauth/token').filter((r) => r.status === 400);
    assert.equal(refused.length, 1, 'our stale refresh was refused once');
    assert.ok(await store.read().then((r) => r?.session), 'the session survived');
  });

  it('a lapsed refresh token with no silent sign-in ends the session, says so, and clears it', async () => {
    const { tokens, api, store } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt }, undefined);
    emu.clock.advance(8 * 24 * HOUR); // refresh token idle-expired
    await assert.rejects(api.account(), (e: unknown) => e instanceof RingCentralError && e.kind === 'signedOut' && e.action === 'signIn' && /expired/.test(e.message));
    assert.equal((await store.read())?.session, undefined);
  });

  it('signs in again silently with the stored JWT when the refresh token is gone', async () => {
    const silent = { grant: () => Promise.resolve({ type: 'jwt' as const, assertion: emu.jwt }), refused: (e: RingCentralError) => Promise.resolve(e) };
    const { tokens, api } = rig(emu, { tokens: { silent } });
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(8 * 24 * HOUR);
    await api.account();
    assert.equal(tokenRequests(emu, 'urn:ietf:params:oauth:grant-type:jwt-bearer'), 2);
  });

  // A 503 is the platform's own answer (nothing was spent): no retry. A reset or a gateway's 502 may hide a
  // rotation, so the refresh is asked again (three attempts in all) before the call fails.
  for (const [fault, attempts] of [
    [{ kind: 'status', status: 503 }, 1],
    [{ kind: 'reset' }, 3],
    [{ kind: 'html', status: 502 }, 3],
  ] as const) {
    it(`keeps the session when refresh fails transiently (${fault.kind}${'status' in fault ? ` ${fault.status}` : ''})`, async () => {
      const { tokens, api, store } = rig(emu, { tokens: { lostAnswerDelayMs: 10 } });
      await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
      const stored = (await store.read())?.session;
      emu.clock.advance(HOUR);
      emu.inject({ ...fault, path: '/restapi/oauth/token', times: attempts });
      await assert.rejects(api.account(), (e: unknown) => e instanceof RingCentralError && e.transient && e.kind !== 'signedOut');
      assert.deepEqual((await store.read())?.session, stored, 'stored session untouched');
      assert.equal(tokenRequests(emu, 'refresh_token'), attempts);
      await api.account(); // the network is back
      assert.equal(tokenRequests(emu, 'refresh_token'), attempts + 1);
    });
  }

  it('keeps the session when refresh times out', async () => {
    const { tokens, api, store } = rig(emu, { client: { timeoutMs: 300 }, tokens: { lostAnswerDelayMs: 10 } });
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(HOUR);
    emu.inject({ kind: 'hang', path: '/restapi/oauth/token', times: 3 });
    await assert.rejects(api.account(), (e: unknown) => e instanceof RingCentralError && e.kind === 'timeout');
    assert.ok((await store.read())?.session);
  });

  it('a 401 on an API call triggers one refresh and one retry', async () => {
    const { tokens, api, store } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    // Someone spends our refresh token without telling us: our access token dies at once (OAU-129).
    const session = (await store.read())?.session;
    await new TokenEndpoint(rig(emu).client).refresh(emu.app, session?.refreshToken ?? '');
    await api.account();
    const calls = emu.requestsTo(ACCOUNT, 'GET');
    assert.deepEqual(calls.map((c) => c.status), [401, 200]);
    assert.equal(tokenRequests(emu, 'refresh_token'), 2);
  });

  it('a 401 that persists after the retry is reported, not looped on', async () => {
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.inject({ kind: 'status', status: 401, path: ACCOUNT, times: 5 });
    await assert.rejects(api.account(), (e: unknown) => e instanceof RingCentralError && e.status === 401);
    assert.equal(emu.requestsTo(ACCOUNT, 'GET').length, 2);
    assert.equal(tokenRequests(emu, 'refresh_token'), 1);
  });

  it('sign-out revokes on the server and deletes the stored session', async () => {
    const { tokens, store } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    assert.equal(emu.liveSessions(), 1);
    assert.deepEqual(await tokens.signOut(), { hadSession: true, revoked: true });
    assert.equal((await store.read())?.session, undefined);
    assert.equal(emu.requestsTo('/restapi/oauth/revoke', 'POST').length, 1);
    assert.equal(emu.liveSessions(), 0);
  });

  it('a session restored from the store (a restart) works without signing in', async () => {
    const store = new MemorySessionStore();
    await rig(emu, { store }).tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    const restarted = rig(emu, { store });
    assert.ok(await restarted.api.account());
    assert.equal(tokenRequests(emu), 1);
  });
});
