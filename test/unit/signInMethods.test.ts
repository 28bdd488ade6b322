import assert from 'node:assert/strict';
import { TokenEndpoint } from '../../src/core/auth/tokenEndpoint';
import { RingCentralError } from '../../src/core/errors';
import { jwtMethod } from '../../src/ui/signIn/methods/jwtMethod';
import { passwordMethod } from '../../src/ui/signIn/methods/passwordMethod';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { rig } from './support';

async function refusal(run: () => Promise<unknown>): Promise<RingCentralError> {
  try {
    await run();
  } catch (e) {
    assert.ok(e instanceof RingCentralError);
    return e;
  }
  return assert.fail('expected a refusal');
}

describe('sign-in methods: what they ask, and what a refusal means', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ phoneNumbers: 1, passwordGrant: true });
  });
  afterEach(() => emu.close());

  it('JWT asks only what is missing, everything (prefilled) when asked again', () => {
    assert.deepEqual(jwtMethod.steps({}, false).map((s) => s.key), ['clientId', 'clientSecret', 'jwt']);
    assert.deepEqual(jwtMethod.steps({ clientId: 'a', clientSecret: 'b' }, false).map((s) => s.key), ['jwt']);
    assert.deepEqual(jwtMethod.steps({ clientId: 'a', clientSecret: 'b', jwt: 'x.y.z' }, false), []);
    const again = jwtMethod.steps({ clientId: 'a', clientSecret: 'b', jwt: 'x.y.z' }, true);
    assert.deepEqual(again.map((s) => [s.key, s.value, s.password === true]), [['clientId', 'a', false], ['clientSecret', 'b', true], ['jwt', 'x.y.z', true]]);
    assert.equal(jwtMethod.silentGrant({ jwt: 'x.y.z' })?.type, 'jwt');
  });

  it('a JWT the platform refuses (any invalid_grant) is forgotten, with a hint to create a new JWT, not "the refresh token expired"', async () => {
    const endpoint = new TokenEndpoint(rig(emu).client);
    const e = await refusal(() => endpoint.grant(emu.app, { type: 'jwt', assertion: 'eyJhbGciOi.wrong.jwt' }));
    assert.equal(e.code, 'OAU-149');
    const r = jwtMethod.refused(e);
    assert.deepEqual(r.forget, ['jwt']);
    assert.match(r.error.message, /refused the JWT credential.*\(OAU-149\)/);
    assert.match(r.error.hint, /Create a new JWT/);
    assert.doesNotMatch(`${r.error.message} ${r.error.hint}`, /refresh token|access token/i);
    for (const code of ['invalid_grant', 'OAU-120', 'OAU-211']) {
      const other = jwtMethod.refused(new RingCentralError({ kind: 'http', status: 400, code, message: 'refused' }));
      assert.deepEqual(other.forget, ['jwt'], code);
    }
  });

  it('a wrong client secret is forgotten, the JWT kept; a platform outage forgets nothing', async () => {
    const endpoint = new TokenEndpoint(rig(emu).client);
    const e = await refusal(() => endpoint.grant({ clientId: emu.app.clientId, clientSecret: 'not-the-secret' }, { type: 'jwt', assertion: emu.jwt }));
    assert.deepEqual(jwtMethod.refused(e).forget, ['clientSecret']);
    assert.deepEqual(jwtMethod.refused(new RingCentralError({ kind: 'http', status: 503, code: 'CMN-201', message: 'down' })).forget, []);
  });

  it('a wrong password is forgotten; the password method never signs in behind the user', async () => {
    const endpoint = new TokenEndpoint(rig(emu).client);
    const e = await refusal(() => endpoint.grant(emu.app, { type: 'password', username: emu.user.username, password: 'wrong-password' }));
    assert.deepEqual(passwordMethod.refused(e).forget, ['password']);
    assert.equal(passwordMethod.silentGrant({ username: 'u', password: 'p' }), undefined);
  });
});
