import assert from 'node:assert/strict';
import { TokenEndpoint } from '../../src/core/auth/tokenEndpoint';
import { adviceFor, documentedCodes } from '../../src/core/errorHints';
import { RingCentralError } from '../../src/core/errors';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { rig } from './support';

const API_MD_CODES = [
  'OAU-109', 'OAU-113', 'OAU-112', 'OAU-125', 'OAU-251', 'OAU-250', 'OAU-123', 'OAU-146', 'OAU-153', 'OAU-120', 'OAU-121', 'OAU-127',
  'OAU-140', 'OAU-168', 'OAU-128', 'OAU-129', 'OAU-149', 'OAU-213', 'OAU-210', 'OAU-211', 'OAU-147', 'OAU-148', 'OAU-141', 'OAU-142',
  'OAU-136', 'OAU-167', 'CMN-301', 'CMN-302', 'CMN-310', 'CMN-401', 'CMN-408', 'CMN-201',
];

describe('error advice', () => {
  const generic = adviceFor('XYZ-999', undefined).hint;

  it('every code in API.md has specific advice', () => {
    for (const code of API_MD_CODES) {
      assert.ok(documentedCodes.includes(code), `${code} documented`);
      assert.notEqual(adviceFor(code, undefined).hint, generic, code);
    }
  });

  it('fixes are offered as actions where one exists', () => {
    assert.equal(adviceFor('OAU-251', 400).action, 'switchToJwt');
    assert.equal(adviceFor('OAU-123', 401).action, 'reenterClientCredentials');
    assert.equal(adviceFor('OAU-210', 400).action, 'signIn');
    assert.equal(adviceFor('CMN-301', 429).action, 'retryLater');
  });

  it('unknown codes fall back to the status, then to a generic hint', () => {
    assert.match(adviceFor('Weird-1', 503).hint, /temporarily unavailable/);
    assert.match(adviceFor(undefined, 418).hint, /unexpected error/);
    assert.match(generic, /Show Logs/);
  });

  it('transient errors are the ones that must not sign anybody out', () => {
    assert.equal(new RingCentralError({ kind: 'network', message: 'x' }).transient, true);
    assert.equal(new RingCentralError({ kind: 'http', status: 503, message: 'x' }).transient, true);
    assert.equal(new RingCentralError({ kind: 'http', status: 400, code: 'OAU-211', message: 'x' }).transient, false);
  });
});

describe('canary secret', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ phoneNumbers: 5, unlimited: true });
  });
  afterEach(() => emu.close());

  it('never appears in error messages, hints or logs, whatever fails', async () => {
    const canarySecret = 'CANARY-SECRET-7f3a9c';
    const canaryJwt = 'CANARY-JWT-b81d22';
    const canaryPassword = 'CANARY-PASSWORD-55e0';
    const r = rig(emu);
    const collected: string[] = [];
    const collect = async (p: Promise<unknown>): Promise<void> => {
      try {
        await p;
      } catch (e) {
        const err = e as RingCentralError;
        collected.push(err.message, err.hint, String(err.stack), JSON.stringify(err));
      }
    };
    const endpoint = new TokenEndpoint(r.client);
    await collect(endpoint.grant({ clientId: emu.app.clientId, clientSecret: canarySecret }, { type: 'jwt', assertion: emu.jwt }));
    await collect(endpoint.grant(emu.app, { type: 'jwt', assertion: canaryJwt }));
    await collect(endpoint.grant(emu.app, { type: 'password', username: emu.user.username, password: canaryPassword }));
    emu.setPasswordGrant(true);
    await collect(endpoint.grant(emu.app, { type: 'password', username: emu.user.username, password: canaryPassword }));
    for (const kind of ['reset', 'html', 'malformed', 'truncated'] as const) {
      emu.inject({ kind, path: '/restapi/oauth/token' });
      await collect(endpoint.grant({ clientId: emu.app.clientId, clientSecret: canarySecret }, { type: 'jwt', assertion: canaryJwt }));
    }
    const session = await r.tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.inject({ kind: 'status', status: 401, path: '/restapi/v1.0/account/~', times: 3 });
    await collect(r.api.account());
    assert.ok(collected.length >= 30, `collected ${collected.length} texts`);
    const everything = [...collected, ...r.logger.lines].join('\n');
    for (const secret of [canarySecret, canaryJwt, canaryPassword, emu.app.clientSecret, emu.jwt, session.accessToken, session.refreshToken ?? '-']) {
      assert.equal(everything.includes(secret), false, `a secret leaked: ${secret.slice(0, 6)}…`);
    }
  });
});
