import assert from 'node:assert/strict';
import { TokenEndpoint } from '../../src/core/auth/tokenEndpoint';
import { createPkce, authorizeUrl, createState } from '../../src/core/auth/pkce';
import { RingCentralError } from '../../src/core/errors';
import { adviceFor } from '../../src/core/errorHints';
import { errorFromResponse } from '../../src/core/http/errorMapping';
import { parseBody } from '../../src/core/http/readBody';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { rig } from './support';

const REDIRECT = 'http://127.0.0.1:52587/callback';
const CTX = { method: 'GET', path: '/restapi/v1.0/account/~/phone-number', limits: { status: 403 }, group: 'Heavy' as const };

/** The body ringcentral-embeddable#591 quotes for a missing app permission (CMN-401), as the platform sent it. */
const CMN_401_BODY = {
  errorCode: 'InsufficientPermissions',
  message: 'In order to call this API endpoint, application needs to have [Meetings] permission',
  errors: [{ errorCode: 'CMN-401', message: 'In order to call this API endpoint, application needs to have [Meetings] permission', permissionName: 'Meetings' }],
  permissionName: 'Meetings',
};

async function refused(p: Promise<unknown>): Promise<RingCentralError> {
  return p.then(
    () => assert.fail('should be refused'),
    (e: unknown) => {
      assert.ok(e instanceof RingCentralError, String(e));
      return e;
    },
  );
}

describe('advice for codes the table does not list, and for permissions the body names', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ phoneNumbers: 5, unlimited: true });
  });
  afterEach(() => emu.close());

  /** A real authorization code from the emulator's authorize endpoint, for the public (PKCE) app. */
  async function authorizationCode(challenge: string): Promise<string> {
    const url = authorizeUrl({ server: emu.url, clientId: emu.publicApp.clientId, redirectUri: REDIRECT, state: createState(), challenge });
    const res = await fetch(url, { redirect: 'manual' });
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code');
    assert.ok(code, 'the emulator issued a code');
    return code;
  }

  it('OAU-106 (a code that does not match its verifier) says sign in again, not "invalid request"', async () => {
    const endpoint = new TokenEndpoint(rig(emu).client);
    const code = await authorizationCode(createPkce().challenge);
    const e = await refused(endpoint.grant({ clientId: emu.publicApp.clientId }, { type: 'authorizationCode', code, redirectUri: REDIRECT, codeVerifier: createPkce().verifier }));
    assert.equal(e.code, 'OAU-106');
    assert.equal(e.action, 'signIn');
    assert.match(e.hint, /Sign in again/);
    assert.doesNotMatch(e.hint, /rejected the request as invalid|lacks a permission/);
  });

  it('OAU-108 (a code used after its 60 s) says sign in again', async () => {
    const endpoint = new TokenEndpoint(rig(emu).client);
    const pkce = createPkce();
    const code = await authorizationCode(pkce.challenge);
    emu.clock.advance(61_000);
    const e = await refused(endpoint.grant({ clientId: emu.publicApp.clientId }, { type: 'authorizationCode', code, redirectUri: REDIRECT, codeVerifier: pkce.verifier }));
    assert.equal(e.code, 'OAU-108');
    assert.equal(e.action, 'signIn');
    assert.match(e.hint, /expired\. Sign in again/);
  });

  it('an unlisted OAU code on a 403 falls back on the body\'s error field before the status', () => {
    const body = parseBody(JSON.stringify({ error: 'invalid_grant', error_description: 'x', errors: [{ errorCode: 'OAU-999', message: 'x' }] }), 'application/json');
    const e = errorFromResponse(403, body, CTX);
    assert.equal(e.code, 'OAU-999');
    assert.equal(e.action, 'signIn');
    assert.doesNotMatch(e.hint, /lacks a permission/);
  });

  it('CMN-408 from the emulator names the permission the user lacks', async () => {
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.inject({ kind: 'status', status: 403, path: '/restapi/v1.0/account/~/phone-number' });
    const e = await refused(api.get('/restapi/v1.0/account/~/phone-number'));
    assert.equal(e.code, 'CMN-408');
    assert.match(e.hint, /lacks the ReadCompanyPhoneNumbers permission/);
  });

  it('CMN-401 as the platform sent it names the permission the app lacks and offers the Developer Console', () => {
    const e = errorFromResponse(403, parseBody(JSON.stringify(CMN_401_BODY), 'application/json'), CTX);
    assert.equal(e.code, 'CMN-401');
    assert.match(e.hint, /app lacks the Meetings permission/);
    assert.equal(e.action, 'openAppSettings');
  });

  it('a permission name that is not a plain identifier is not repeated: the generic advice stands', () => {
    const body = { errorCode: 'CMN-408', errors: [{ errorCode: 'CMN-408', message: 'm', permissionName: '[Fix it](command:workbench.action.openSettings)' }] };
    const e = errorFromResponse(403, parseBody(JSON.stringify(body), 'application/json'), CTX);
    assert.match(e.hint, /for example ReadCompanyPhoneNumbers/);
    assert.doesNotMatch(e.hint, /command:/);
  });

  it('a server code that names an Object property (constructor, __proto__, toString) gets the generic advice, not a crash', () => {
    for (const code of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const advice = adviceFor(code, 400);
      assert.equal(typeof advice.hint, 'string', code);
      assert.match(advice.hint, /rejected the request as invalid/, code);
    }
  });
});
