import assert from 'node:assert/strict';
import type { Session } from '../../src/core/auth/session';
import { SessionKeeper } from '../../src/ui/sessionKeeper';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { rig, tokenRequests } from './support';

describe('session keeper', () => {
  let emu: Emulator;
  afterEach(() => emu.close());

  it('renews an idle session shortly before its refresh token would lapse', async () => {
    emu = await startEmulator({ phoneNumbers: 1, unlimited: true });
    // A refresh token that lasts 2 s of real time, renewed 1.5 s before it lapses.
    const { tokens, store, logger } = rig(emu, { tokens: { ttl: { refreshTokenTtl: 2 } } });
    const listeners: ((s: Session | undefined) => void)[] = [];
    const keeper = new SessionKeeper(
      { onDidChangeSession: (l) => (listeners.push(l), { dispose: () => undefined }), session: () => tokens.session(), tokens },
      logger,
      1500,
    );
    tokens.onDidChange((c) => listeners.forEach((l) => l(c.session)));
    const first = await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(tokenRequests(emu, 'refresh_token'), 0, 'not before it is due');
    for (let i = 0; i < 60 && tokenRequests(emu, 'refresh_token') === 0; i++) await new Promise((r) => setTimeout(r, 50));
    keeper.dispose();
    assert.equal(tokenRequests(emu, 'refresh_token'), 1, 'renewed once, without any API call');
    const renewed = (await store.read())?.session;
    assert.ok(renewed && renewed.generation === first.generation + 1);
    assert.ok(logger.lines.some((l) => /Renewed the idle session/.test(l)));
  });
});
