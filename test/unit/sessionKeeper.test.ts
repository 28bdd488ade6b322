import assert from 'node:assert/strict';
import { SessionKeeper } from '../../src/ui/sessionKeeper';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { HOUR, rig, tokenRequests } from './support';

const DAY = 24 * HOUR;

describe('session keeper', () => {
  let emu: Emulator;
  let keeper: SessionKeeper | undefined;
  beforeEach(async () => {
    emu = await startEmulator({ phoneNumbers: 1, unlimited: true });
  });
  afterEach(async () => {
    keeper?.dispose();
    await emu.close();
  });

  function keep(r: ReturnType<typeof rig>, retryMs = [60_000]): SessionKeeper {
    // The hourly tick never fires during a test: like a laptop asleep, only the clock moves, and a focus event wakes us.
    return new SessionKeeper({ session: () => r.tokens.session(), renewIdle: () => r.tokens.renew({ force: true }), clock: r.client.serverClock }, r.logger, {
      checkEveryMs: 10 * DAY,
      retryMs,
    });
  }

  it('after a sleep longer than the lead time, the first look (window focus) renews the session before it lapses', async () => {
    const r = rig(emu);
    keeper = keep(r);
    const first = await r.tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    await keeper.check();
    assert.equal(tokenRequests(emu, 'refresh_token'), 0, 'nothing to do six days early');
    emu.clock.advance(6.5 * DAY); // the machine slept; no timer fired
    await keeper.check();
    assert.equal(tokenRequests(emu, 'refresh_token'), 1, 'renewed at the first look, without any API call');
    const renewed = (await r.store.read())?.session;
    assert.ok(renewed && renewed.generation === first.generation + 1);
    assert.ok((renewed.refreshTokenExpiresAt ?? 0) > emu.clock.now() + 6 * DAY, 'a fresh refresh token');
    assert.ok(r.logger.lines.some((l) => /Renewed the idle session/.test(l)));
  });

  it('retries a failed renewal after its backoff, by the wall clock', async () => {
    const r = rig(emu, { tokens: { lostAnswerDelayMs: 5 } });
    keeper = keep(r, [5 * 60_000]);
    await r.tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(6.5 * DAY);
    emu.inject({ kind: 'status', status: 503, path: '/restapi/oauth/token' });
    await keeper.check();
    assert.equal(tokenRequests(emu, 'refresh_token'), 1, 'tried once and failed');
    assert.ok(r.logger.lines.some((l) => /Could not renew the idle session.*trying again in 5 min/.test(l)), r.logger.lines.join('\n'));
    await keeper.check();
    assert.equal(tokenRequests(emu, 'refresh_token'), 1, 'not again before the backoff ends');
    emu.clock.advance(5 * 60_000 + 1000);
    await keeper.check();
    assert.equal(tokenRequests(emu, 'refresh_token'), 2, 'retried once the backoff passed');
    assert.ok((await r.store.read())?.session, 'the session is alive');
  });

  it('a machine that slept past the refresh token signs in again with the stored JWT at the first look', async () => {
    const silent = { grant: () => Promise.resolve({ type: 'jwt' as const, assertion: emu.jwt }), refused: (e: Error) => Promise.reject(e) };
    const r = rig(emu, { tokens: { silent } });
    keeper = keep(r);
    await r.tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.clock.advance(8 * DAY);
    await keeper.check();
    assert.equal(tokenRequests(emu, 'refresh_token'), 0, 'a lapsed refresh token is not sent');
    assert.equal(tokenRequests(emu, 'urn:ietf:params:oauth:grant-type:jwt-bearer'), 2);
    assert.ok((await r.store.read())?.session);
  });
});
