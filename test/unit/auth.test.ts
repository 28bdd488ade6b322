import assert from 'node:assert/strict';
import { challengeFor, createPkce, authorizeUrl, createState } from '../../src/core/auth/pkce';
import { TokenEndpoint } from '../../src/core/auth/tokenEndpoint';
import { RingCentralError } from '../../src/core/errors';
import { RestClient } from '../../src/core/http/restClient';
import { undiciTransport } from '../../src/core/http/undiciTransport';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { tokenRequests } from './support';

async function rejects(p: Promise<unknown>): Promise<RingCentralError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof RingCentralError, `expected RingCentralError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

/** Follows the emulator's auto-approving authorize endpoint like a browser would, returning the redirect. */
async function authorize(emu: Emulator, clientId: string, redirectUri: string): Promise<{ location: URL; verifier: string; state: string }> {
  const pkce = createPkce();
  const state = createState();
  const res = await fetch(authorizeUrl({ server: emu.url, clientId, redirectUri, state, challenge: pkce.challenge }), { redirect: 'manual' });
  assert.equal(res.status, 302);
  return { location: new URL(res.headers.get('location') ?? ''), verifier: pkce.verifier, state };
}

describe('OAuth grants against the emulator', () => {
  let emu: Emulator;
  let endpoint: TokenEndpoint;
  beforeEach(async () => {
    emu = await startEmulator({ phoneNumbers: 10 });
    endpoint = new TokenEndpoint(new RestClient({ server: emu.url, clock: emu.clock, transport: undiciTransport() }));
  });
  afterEach(() => emu.close());

  it('PKCE: a 43-character verifier and its S256 challenge', () => {
    const { verifier, challenge, method } = createPkce();
    assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(method, 'S256');
    assert.equal(challenge, challengeFor(verifier));
    // RFC 7636 appendix B test vector
    assert.equal(challengeFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('JWT bearer grant returns a full token with absolute-able expiries', async () => {
    const token = await endpoint.grant(emu.app, { type: 'jwt', assertion: emu.jwt });
    assert.ok(token.access_token.length > 10);
    assert.equal(token.token_type.toLowerCase(), 'bearer');
    assert.equal(token.expires_in, 3600);
    assert.ok(token.refresh_token);
    const sent = emu.requestsTo('/restapi/oauth/token')[0];
    assert.ok(sent);
    assert.equal(sent.grantType, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    assert.match(String(sent.headers.authorization), /^Basic /);
  });

  it('honours access_token_ttl and refresh_token_ttl', async () => {
    const token = await endpoint.grant(emu.app, { type: 'jwt', assertion: emu.jwt }, { accessTokenTtl: 600, refreshTokenTtl: 7200 });
    assert.equal(token.expires_in, 600);
    assert.equal(token.refresh_token_expires_in, 7200);
  });

  it('a wrong JWT is refused with invalid_grant and a hint to sign in again', async () => {
    const e = await rejects(endpoint.grant(emu.app, { type: 'jwt', assertion: 'not-the-jwt' }));
    assert.equal(e.status, 400);
    assert.ok(e.code);
    assert.equal(e.transient, false);
  });

  it('a wrong client secret says to re-enter the client credentials', async () => {
    const e = await rejects(endpoint.grant({ clientId: emu.app.clientId, clientSecret: 'wrong' }, { type: 'jwt', assertion: emu.jwt }));
    assert.equal(e.status, 401);
    assert.equal(e.action, 'reenterClientCredentials');
    assert.match(e.hint, /client ID or client secret/);
  });

  it('password grant: refused as on the real platform, with the move to JWT explained', async () => {
    const e = await rejects(endpoint.grant(emu.app, { type: 'password', username: emu.user.username, password: emu.user.password }));
    assert.equal(e.code, 'OAU-251');
    assert.equal(e.action, 'switchToJwt');
    assert.match(e.message, /no longer accepts password sign-in/);
    assert.match(e.hint, /JWT credential/);
  });

  it('password grant: works where allowed, with an extension, and a wrong password says so', async () => {
    emu.setPasswordGrant(true);
    const token = await endpoint.grant(emu.app, { type: 'password', username: emu.user.username, password: emu.user.password, extension: emu.user.extension });
    assert.ok(token.access_token);
    const sent = emu.requestsTo('/restapi/oauth/token').at(-1);
    assert.equal(new URLSearchParams(sent?.body).get('extension'), emu.user.extension);
    const e = await rejects(endpoint.grant(emu.app, { type: 'password', username: emu.user.username, password: 'wrong' }));
    assert.equal(e.code, 'OAU-140');
    assert.equal(e.action, 'reenterPassword');
  });

  it('authorization code with PKCE: confidential app', async () => {
    const redirectUri = 'http://127.0.0.1:43111/callback';
    const { location, verifier, state } = await authorize(emu, emu.app.clientId, redirectUri);
    assert.equal(location.searchParams.get('state'), state);
    const code = location.searchParams.get('code') ?? '';
    const token = await endpoint.grant(emu.app, { type: 'authorizationCode', code, redirectUri, codeVerifier: verifier });
    assert.ok(token.access_token);
    // single use
    const e = await rejects(endpoint.grant(emu.app, { type: 'authorizationCode', code, redirectUri, codeVerifier: verifier }));
    assert.equal(e.status, 400);
  });

  it('authorization code with PKCE: public app sends client_id in the body and no Basic header', async () => {
    const redirectUri = 'http://127.0.0.1:43112/cb';
    const app = { clientId: emu.publicApp.clientId };
    const { location, verifier } = await authorize(emu, app.clientId, redirectUri);
    const token = await endpoint.grant(app, { type: 'authorizationCode', code: location.searchParams.get('code') ?? '', redirectUri, codeVerifier: verifier });
    const sent = emu.requestsTo('/restapi/oauth/token').at(-1);
    assert.equal(sent?.headers.authorization, undefined);
    assert.equal(new URLSearchParams(sent?.body).get('client_id'), app.clientId);
    // and its refresh works the same way
    const refreshed = await endpoint.refresh(app, token.refresh_token ?? '');
    assert.notEqual(refreshed.access_token, token.access_token);
  });

  it('authorization code: a wrong verifier is refused', async () => {
    const redirectUri = 'http://127.0.0.1:43113/cb';
    const { location } = await authorize(emu, emu.app.clientId, redirectUri);
    const e = await rejects(endpoint.grant(emu.app, { type: 'authorizationCode', code: location.searchParams.get('code') ?? '', redirectUri, codeVerifier: createPkce().verifier }));
    assert.equal(e.status, 400);
  });

  it('authorize refuses an unregistered redirect URI with OAU-109', async () => {
    const res = await fetch(authorizeUrl({ server: emu.url, clientId: emu.app.clientId, redirectUri: 'https://evil.example/cb', state: 's', challenge: 'c' }), { redirect: 'manual' });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /OAU-109/);
  });

  it('refresh rotates; the old refresh token returns the same pair within the grace, then is refused', async () => {
    const first = await endpoint.grant(emu.app, { type: 'jwt', assertion: emu.jwt });
    const second = await endpoint.refresh(emu.app, first.refresh_token ?? '');
    assert.notEqual(second.refresh_token, first.refresh_token);
    const replay = await endpoint.refresh(emu.app, first.refresh_token ?? '');
    assert.equal(replay.access_token, second.access_token);
    emu.clock.advance(11_000);
    const e = await rejects(endpoint.refresh(emu.app, first.refresh_token ?? ''));
    assert.equal(e.code, 'OAU-211');
    assert.equal(e.action, 'signIn');
  });

  it('an expired refresh token gives OAU-210', async () => {
    const first = await endpoint.grant(emu.app, { type: 'jwt', assertion: emu.jwt }, { refreshTokenTtl: 3600 });
    emu.clock.advance(3601_000);
    const e = await rejects(endpoint.refresh(emu.app, first.refresh_token ?? ''));
    assert.equal(e.code, 'OAU-210');
  });

  it('token requests are never retried, even on 503', async () => {
    emu.inject({ kind: 'status', status: 503, path: '/restapi/oauth/token' });
    const e = await rejects(endpoint.grant(emu.app, { type: 'jwt', assertion: emu.jwt }));
    assert.equal(e.status, 503);
    assert.equal(tokenRequests(emu), 1);
  });

  it('revoke ends the session and ignores failures', async () => {
    const token = await endpoint.grant(emu.app, { type: 'jwt', assertion: emu.jwt });
    assert.equal(await endpoint.revoke(emu.app, token.refresh_token ?? ''), true);
    const e = await rejects(endpoint.refresh(emu.app, token.refresh_token ?? ''));
    assert.equal(e.status, 400);
    emu.inject({ kind: 'reset', path: '/restapi/oauth/revoke' });
    assert.equal(await endpoint.revoke(emu.app, 'whatever'), false);
    assert.equal(emu.requestsTo('/restapi/oauth/revoke').length, 2);
  });
});
