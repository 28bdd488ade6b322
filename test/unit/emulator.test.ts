/**
 * The RingCentral platform emulator, exercised over real loopback HTTP: OAuth grants, token
 * rotation, sessions, REST records and paging, rate limits, faults, request log, close, CLI.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { Emulator, EmulatorOptions } from '../emulator/api';
import { parseArgs } from '../emulator/cli';
import { startEmulator } from '../emulator/server';
import {
  api,
  at,
  authorizationCode,
  authorize,
  basicAuth,
  JWT_GRANT,
  pkcePair,
  postForm,
  refresh,
  signIn,
  type TokenBody,
} from '../emulator/testClient';

const LOOPBACK_CB = 'http://127.0.0.1:33333/callback';
const HIGH_AUTH = { Auth: { limit: 1000, windowMs: 60_000, penaltyMs: 60_000 } };

function useEmulator(options: EmulatorOptions = {}): () => Emulator {
  let em: Emulator | undefined;
  beforeEach(async () => {
    em = await startEmulator(options);
  });
  afterEach(async () => {
    await em?.close();
    em = undefined;
  });
  return () => {
    if (!em) throw new Error('emulator not started');
    return em;
  };
}

function errorCode(body: unknown): unknown {
  return at(body, 'errors.0.errorCode');
}

describe('emulator: token endpoint grants', () => {
  const emu = useEmulator({ limits: HIGH_AUTH });

  it('JWT bearer grant returns a full TokenInfo with random opaque tokens', async () => {
    const em = emu();
    const r = await postForm(em, { grant_type: JWT_GRANT, assertion: em.jwt });
    assert.equal(r.status, 200);
    const t = r.body as TokenBody;
    assert.deepEqual(Object.keys(t).sort(), ['access_token', 'endpoint_id', 'expires_in', 'owner_id', 'refresh_token', 'refresh_token_expires_in', 'scope', 'token_type']);
    assert.equal(t.token_type, 'bearer');
    assert.equal(t.expires_in, 3600);
    assert.equal(t.refresh_token_expires_in, 604800);
    assert.equal(t.owner_id, em.user.extensionId);
    assert.match(t.access_token, /^[A-Za-z0-9_-]{32,}$/);
    assert.notEqual(t.access_token, t.refresh_token);
    const again = await signIn(em);
    assert.notEqual(again.access_token, t.access_token);
    assert.equal(r.headers.get('x-rate-limit-group'), 'auth');
  });

  it('a wrong JWT is 400 invalid_grant OAU-149', async () => {
    const em = emu();
    const r = await postForm(em, { grant_type: JWT_GRANT, assertion: `${em.jwt}x` });
    assert.equal(r.status, 400);
    assert.equal(at(r.body, 'error'), 'invalid_grant');
    assert.equal(errorCode(r.body), 'OAU-149');
  });

  it('honours access_token_ttl (clamped to 600..3600) and refresh_token_ttl', async () => {
    const em = emu();
    assert.equal((await signIn(em, { access_token_ttl: '900', refresh_token_ttl: '7200' })).expires_in, 900);
    assert.equal((await signIn(em, { refresh_token_ttl: '7200' })).refresh_token_expires_in, 7200);
    assert.equal((await signIn(em, { access_token_ttl: '60' })).expires_in, 600);
    assert.equal((await signIn(em, { access_token_ttl: '99999' })).expires_in, 3600);
    const t = await signIn(em);
    const r = await refresh(em, t.refresh_token, {});
    const r2 = await postForm(em, { grant_type: 'refresh_token', refresh_token: (r.body as TokenBody).refresh_token, access_token_ttl: '1200' });
    assert.equal(at(r2.body, 'expires_in'), 1200);
  });

  it('authenticates the confidential client with Basic: missing → OAU-123, wrong → OAU-153', async () => {
    const em = emu();
    const none = await postForm(em, { grant_type: JWT_GRANT, assertion: em.jwt }, { authorization: null });
    assert.equal(none.status, 401);
    assert.equal(at(none.body, 'error'), 'invalid_client');
    assert.equal(errorCode(none.body), 'OAU-123');
    const idOnly = await postForm(em, { grant_type: JWT_GRANT, assertion: em.jwt, client_id: em.app.clientId }, { authorization: null });
    assert.equal(errorCode(idOnly.body), 'OAU-123');
    const wrong = await postForm(em, { grant_type: JWT_GRANT, assertion: em.jwt }, { authorization: basicAuth({ clientId: em.app.clientId, clientSecret: 'nope' }) });
    assert.equal(wrong.status, 401);
    assert.equal(errorCode(wrong.body), 'OAU-153');
    const publicBasic = await postForm(em, { grant_type: 'refresh_token', refresh_token: 'x' }, { authorization: basicAuth({ clientId: em.publicApp.clientId, clientSecret: '' }) });
    assert.equal(errorCode(publicBasic.body), 'OAU-153');
  });

  it('the public app may only use authorization_code and refresh_token', async () => {
    const em = emu();
    const r = await postForm(em, { grant_type: JWT_GRANT, assertion: em.jwt, client_id: em.publicApp.clientId }, { authorization: null });
    assert.equal(r.status, 400);
    assert.equal(at(r.body, 'error'), 'unauthorized_client');
    assert.equal(errorCode(r.body), 'OAU-251');
  });

  it('rejects unknown grant types and non-form bodies', async () => {
    const em = emu();
    const r = await postForm(em, { grant_type: 'client_credentials' });
    assert.equal(r.status, 400);
    assert.equal(at(r.body, 'error'), 'unsupported_grant_type');
    assert.equal(errorCode(r.body), 'OAU-250');
    const json = await postForm(em, { grant_type: JWT_GRANT, assertion: em.jwt }, { contentType: 'application/json' });
    assert.equal(json.status, 415);
  });

  it('password grant is refused with the unauthorized_client OAU-251 body by default', async () => {
    const em = emu();
    const r = await postForm(em, { grant_type: 'password', username: em.user.username, password: em.user.password, extension: em.user.extension });
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, {
      error: 'unauthorized_client',
      error_description: 'Unauthorized for this grant type',
      errors: [{ errorCode: 'OAU-251', message: 'Unauthorized for this grant type' }],
    });
  });

  it('password grant, once allowed, checks number/email, extension and password', async () => {
    const em = emu();
    em.setPasswordGrant(true);
    const email = String(at(em.data.me, 'contact.email'));
    const ok: Record<string, string>[] = [
      { username: em.user.username, password: em.user.password, extension: em.user.extension },
      { username: `${em.user.username}*${em.user.extension}`, password: em.user.password },
      { username: em.user.username, password: em.user.password },
      { username: email.toUpperCase(), password: em.user.password },
    ];
    for (const creds of ok) {
      const r = await postForm(em, { grant_type: 'password', ...creds });
      assert.equal(r.status, 200, JSON.stringify(creds));
      assert.equal(at(r.body, 'owner_id'), em.user.extensionId);
    }
    const bad: Record<string, string>[] = [
      { username: em.user.username, password: 'wrong', extension: em.user.extension },
      { username: `${em.user.username}*999`, password: em.user.password },
      { username: '+19995550000', password: em.user.password },
      { username: 'someone@example.com', password: em.user.password },
    ];
    for (const creds of bad) {
      const r = await postForm(em, { grant_type: 'password', ...creds });
      assert.equal(r.status, 401, JSON.stringify(creds));
      assert.equal(errorCode(r.body), 'OAU-140');
    }
  });

  it('password grant can be allowed by option', async () => {
    const em = await startEmulator({ passwordGrant: true });
    try {
      const r = await postForm(em, { grant_type: 'password', username: em.user.username, password: em.user.password });
      assert.equal(r.status, 200);
    } finally {
      await em.close();
    }
  });
});

describe('emulator: authorization code flow', () => {
  const emu = useEmulator({ limits: HIGH_AUTH });

  it('authorize auto-approves with a 302 to the redirect URI carrying code and state', async () => {
    const em = emu();
    const { challenge } = pkcePair();
    const r = await authorize(em, {
      response_type: 'code', client_id: em.app.clientId, redirect_uri: `${LOOPBACK_CB}?x=1`, state: 's t&=', code_challenge: challenge, code_challenge_method: 'S256',
    });
    assert.equal(r.status, 302);
    const loc = new URL(String(r.location));
    assert.equal(`${loc.origin}${loc.pathname}`, LOOPBACK_CB);
    assert.equal(loc.searchParams.get('x'), '1');
    assert.equal(loc.searchParams.get('state'), 's t&=');
    assert.match(String(loc.searchParams.get('code')), /^[A-Za-z0-9_-]{20,}$/);
    assert.equal(r.headers.get('x-rate-limit-group'), 'auth');
  });

  it('confidential app: code + redirect_uri + code_verifier gives tokens; the code is single use', async () => {
    const em = emu();
    const { verifier, challenge } = pkcePair();
    const code = await authorizationCode(em, em.app.clientId, LOOPBACK_CB, challenge);
    const params = { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK_CB, code_verifier: verifier };
    const r = await postForm(em, params);
    assert.equal(r.status, 200, r.text);
    assert.equal(at(r.body, 'owner_id'), em.user.extensionId);
    const again = await postForm(em, params);
    assert.equal(again.status, 400);
    assert.equal(at(again.body, 'error'), 'invalid_grant');
    assert.equal(errorCode(again.body), 'OAU-106');
  });

  it('checks redirect_uri and the S256 code_verifier', async () => {
    const em = emu();
    const { verifier, challenge } = pkcePair();
    const code = await authorizationCode(em, em.app.clientId, LOOPBACK_CB, challenge);
    const wrongUri = await postForm(em, { grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:33333/other', code_verifier: verifier });
    assert.equal(wrongUri.status, 400);
    assert.equal(errorCode(wrongUri.body), 'OAU-109');
    const wrongVerifier = await postForm(em, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK_CB, code_verifier: pkcePair().verifier });
    assert.equal(wrongVerifier.status, 400);
    assert.equal(at(wrongVerifier.body, 'error'), 'invalid_grant');
    const noVerifier = await postForm(em, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK_CB });
    assert.equal(noVerifier.status, 400);
    const good = await postForm(em, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK_CB, code_verifier: verifier });
    assert.equal(good.status, 200);
  });

  it('codes expire after 60 s of emulator time', async () => {
    const em = emu();
    const { verifier, challenge } = pkcePair();
    const code = await authorizationCode(em, em.app.clientId, LOOPBACK_CB, challenge);
    em.clock.advance(61_000);
    const r = await postForm(em, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK_CB, code_verifier: verifier });
    assert.equal(r.status, 400);
    assert.equal(errorCode(r.body), 'OAU-108');
  });

  it('public app: PKCE with client_id in the body for the code and its refreshes', async () => {
    const em = emu();
    const { verifier, challenge } = pkcePair();
    const cb = 'vscode://publisher.ringcentral-explorer/auth';
    const code = await authorizationCode(em, em.publicApp.clientId, cb, challenge);
    const body = { grant_type: 'authorization_code', code, redirect_uri: cb, code_verifier: verifier, client_id: em.publicApp.clientId };
    const r = await postForm(em, body, { authorization: null });
    assert.equal(r.status, 200, r.text);
    const t = r.body as TokenBody;
    const rr = await postForm(em, { grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: em.publicApp.clientId }, { authorization: null });
    assert.equal(rr.status, 200, rr.text);
    const confidential = await refresh(em, (rr.body as TokenBody).refresh_token);
    assert.equal(confidential.status, 401, 'another app cannot refresh the public app session');
  });

  it('public app must send a code_challenge', async () => {
    const em = emu();
    const r = await authorize(em, { response_type: 'code', client_id: em.publicApp.clientId, redirect_uri: LOOPBACK_CB, state: 'a' });
    assert.equal(r.status, 302);
    const loc = new URL(String(r.location));
    assert.equal(loc.searchParams.get('error'), 'invalid_request');
    assert.equal(loc.searchParams.get('state'), 'a');
  });

  it('accepts loopback and vscode:// redirect URIs; others are 403 OAU-109', async () => {
    const em = emu();
    for (const uri of ['http://localhost:5000/cb', 'http://127.0.0.1:1/', 'vscode://pub.ext/cb?a=b', 'vscode-insiders://pub.ext/cb']) {
      assert.ok(await authorizationCode(em, em.app.clientId, uri));
    }
    for (const uri of ['https://evil.example/cb', 'http://192.168.1.5:80/cb', 'notaurl', '']) {
      const r = await authorize(em, { response_type: 'code', client_id: em.app.clientId, redirect_uri: uri });
      assert.equal(r.status, 403, uri);
      assert.match(String(r.headers.get('content-type')), /application\/json/);
      assert.equal(errorCode(r.body), 'OAU-109');
    }
  });

  it('unknown client_id is an OAuth invalid_client error; deny redirects with access_denied', async () => {
    const em = emu();
    const r = await authorize(em, { response_type: 'code', client_id: 'nobody', redirect_uri: LOOPBACK_CB });
    assert.equal(r.status, 400);
    assert.equal(at(r.body, 'error'), 'invalid_client');
    em.setAuthorizeOutcome('deny');
    const d = await authorize(em, { response_type: 'code', client_id: em.app.clientId, redirect_uri: LOOPBACK_CB, state: 'z' });
    assert.equal(new URL(String(d.location)).searchParams.get('error'), 'access_denied');
  });
});

describe('emulator: token lifecycle', () => {
  const emu = useEmulator({ limits: HIGH_AUTH });

  it('refresh rotates: old access dies at once (OAU-129), old refresh returns the same pair within the grace, then OAU-211', async () => {
    const em = emu();
    const first = await signIn(em);
    const r = await refresh(em, first.refresh_token);
    assert.equal(r.status, 200);
    const second = r.body as TokenBody;
    assert.notEqual(second.access_token, first.access_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    const old = await api(em, '/restapi/v1.0/account/~', first.access_token);
    assert.equal(old.status, 401);
    assert.equal(errorCode(old.body), 'OAU-129');
    assert.equal(at(old.body, 'message'), 'Access token corrupted');
    assert.equal((await api(em, '/restapi/v1.0/account/~', second.access_token)).status, 200);
    em.clock.advance(9_000);
    const replay = await refresh(em, first.refresh_token);
    assert.equal(replay.status, 200);
    assert.equal(at(replay.body, 'access_token'), second.access_token);
    assert.equal(at(replay.body, 'refresh_token'), second.refresh_token);
    em.clock.advance(1_001);
    const late = await refresh(em, first.refresh_token);
    assert.equal(late.status, 400);
    assert.deepEqual(late.body, { error: 'invalid_grant', error_description: 'Token revoked', errors: [{ errorCode: 'OAU-211', message: 'Token revoked' }] });
    assert.equal((await refresh(em, second.refresh_token)).status, 200);
  });

  it('refreshGraceMs is configurable', async () => {
    const em = await startEmulator({ refreshGraceMs: 0, limits: HIGH_AUTH });
    try {
      const t = await signIn(em);
      assert.equal((await refresh(em, t.refresh_token)).status, 200);
      em.clock.advance(1);
      assert.equal(errorCode((await refresh(em, t.refresh_token)).body), 'OAU-211');
    } finally {
      await em.close();
    }
  });

  it('expired access token → 401 OAU-128; expired refresh token → 400 OAU-210', async () => {
    const em = emu();
    const t = await signIn(em, { access_token_ttl: '600', refresh_token_ttl: '3600' });
    em.clock.advance(600_000);
    const r = await api(em, '/restapi/v1.0/account/~', t.access_token);
    assert.equal(r.status, 401);
    assert.equal(at(r.body, 'errorCode'), 'TokenInvalid');
    assert.equal(errorCode(r.body), 'OAU-128');
    em.clock.advance(3_000_000);
    const rr = await refresh(em, t.refresh_token);
    assert.equal(rr.status, 400);
    assert.equal(at(rr.body, 'error'), 'invalid_grant');
    assert.equal(errorCode(rr.body), 'OAU-210');
    assert.equal(em.liveSessions(), 0);
  });

  it('unknown access token → 401 OAU-213; no Authorization header → 401', async () => {
    const em = emu();
    const r = await api(em, '/restapi/v1.0/account/~', 'made-up-token');
    assert.equal(r.status, 401);
    assert.equal(errorCode(r.body), 'OAU-213');
    assert.equal(at(r.body, 'message'), 'Token not found');
    const none = await api(em, '/restapi/v1.0/account/~');
    assert.equal(none.status, 401);
    assert.ok(typeof errorCode(none.body) === 'string');
  });

  it('a rotated-out access token becomes "not found" once it would have expired', async () => {
    const em = emu();
    const t = await signIn(em);
    await refresh(em, t.refresh_token);
    em.clock.advance(3_600_000);
    assert.equal(errorCode((await api(em, '/restapi/v1.0/account/~', t.access_token)).body), 'OAU-213');
  });

  it('at most maxSessions live sessions per user per app; the oldest is evicted', async () => {
    const em = await startEmulator({ maxSessions: 2, limits: HIGH_AUTH });
    try {
      const a = await signIn(em);
      const b = await signIn(em);
      assert.equal(em.liveSessions(), 2);
      const c = await signIn(em);
      assert.equal(em.liveSessions(), 2);
      assert.equal(errorCode((await api(em, '/restapi/v1.0/account/~', a.access_token)).body), 'OAU-213');
      assert.equal(errorCode((await refresh(em, a.refresh_token)).body), 'OAU-211');
      assert.equal((await api(em, '/restapi/v1.0/account/~', b.access_token)).status, 200);
      assert.equal((await api(em, '/restapi/v1.0/account/~', c.access_token)).status, 200);
      // A refresh keeps the session (no new sign-in), so nothing else is evicted.
      await refresh(em, b.refresh_token);
      assert.equal(em.liveSessions(), 2);
    } finally {
      await em.close();
    }
  });

  it('default cap is 5 sessions', async () => {
    const em = emu();
    for (let i = 0; i < 7; i++) await signIn(em);
    assert.equal(em.liveSessions(), 5);
  });

  it('revoke with the access token ends the whole session; 200 with an empty body', async () => {
    const em = emu();
    const t = await signIn(em);
    const other = await signIn(em);
    const r = await postForm(em, { token: t.access_token }, { path: '/restapi/oauth/revoke' });
    assert.equal(r.status, 200);
    assert.equal(r.text, '');
    assert.equal(r.headers.get('x-rate-limit-group'), 'auth');
    assert.equal((await api(em, '/restapi/v1.0/account/~', t.access_token)).status, 401);
    assert.equal(errorCode((await refresh(em, t.refresh_token)).body), 'OAU-211');
    assert.equal((await api(em, '/restapi/v1.0/account/~', other.access_token)).status, 200);
    assert.equal(em.liveSessions(), 1);
  });

  it('revoke with the refresh token, unknown tokens, the public app, and without client auth', async () => {
    const em = emu();
    const t = await signIn(em);
    assert.equal((await postForm(em, { token: t.refresh_token }, { path: '/restapi/oauth/revoke' })).status, 200);
    assert.equal((await api(em, '/restapi/v1.0/account/~', t.access_token)).status, 401);
    assert.equal((await postForm(em, { token: 'unknown' }, { path: '/restapi/oauth/revoke' })).status, 200);
    const pub = await postForm(em, { token: 'x', client_id: em.publicApp.clientId }, { path: '/restapi/oauth/revoke', authorization: null });
    assert.equal(pub.status, 200);
    const anon = await postForm(em, { token: 'x' }, { path: '/restapi/oauth/revoke', authorization: null });
    assert.equal(anon.status, 401);
  });

  it('revokeAllSessions ends every session', async () => {
    const em = emu();
    const t = await signIn(em);
    em.revokeAllSessions();
    assert.equal(em.liveSessions(), 0);
    assert.equal((await api(em, '/restapi/v1.0/account/~', t.access_token)).status, 401);
  });
});

describe('emulator: REST records', () => {
  const emu = useEmulator({ limits: HIGH_AUTH });

  it('GET /account/~ (Light) is a realistic account; the numeric id works too', async () => {
    const em = emu();
    const t = await signIn(em);
    const r = await api(em, '/restapi/v1.0/account/~', t.access_token);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-rate-limit-group'), 'light');
    for (const key of ['id', 'uri', 'mainNumber', 'status', 'operator', 'serviceInfo', 'regionalSettings', 'setupWizardState', 'federated', 'bsid', 'signupInfo', 'limits']) {
      assert.ok(key in (r.body as object), key);
    }
    assert.equal(typeof at(r.body, 'id'), 'number');
    for (const p of ['serviceInfo.brand.id', 'serviceInfo.brand.name', 'serviceInfo.brand.homeCountry.isoCode', 'serviceInfo.servicePlan.edition', 'serviceInfo.billingPlan.name',
      'regionalSettings.timezone.name', 'regionalSettings.homeCountry.name', 'regionalSettings.language.localeCode', 'regionalSettings.formattingLocale.localeCode', 'regionalSettings.timeFormat']) {
      assert.equal(typeof at(r.body, p), 'string', p);
    }
    assert.match(String(at(r.body, 'mainNumber')), /^\+[1-9]\d{6,14}$/);
    const byId = await api(em, `/restapi/v1.0/account/${String(at(r.body, 'id'))}`, t.access_token);
    assert.deepEqual(byId.body, r.body);
    assert.deepEqual(r.body, em.data.account);
  });

  it('GET /extension/~ (Light) tells who is signed in and whether they are an admin', async () => {
    const em = emu();
    const t = await signIn(em);
    const r = await api(em, '/restapi/v1.0/account/~/extension/~', t.access_token);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-rate-limit-group'), 'light');
    assert.equal(String(at(r.body, 'id')), em.user.extensionId);
    assert.equal(at(r.body, 'extensionNumber'), em.user.extension);
    assert.equal(typeof at(r.body, 'name'), 'string');
    assert.match(String(at(r.body, 'contact.email')), /@/);
    assert.equal(at(r.body, 'permissions.admin.enabled'), true);
    const byId = await api(em, `/restapi/v1.0/account/~/extension/${em.user.extensionId}`, t.access_token);
    assert.deepEqual(byId.body, r.body);
    em.setAdmin(false);
    assert.equal(at((await api(em, '/restapi/v1.0/account/~/extension/~', t.access_token)).body, 'permissions.admin.enabled'), false);
  });

  it('GET /extension (Medium) lists heterogeneous extensions', async () => {
    const em = emu();
    const t = await signIn(em);
    const r = await api(em, '/restapi/v1.0/account/~/extension', t.access_token);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-rate-limit-group'), 'medium');
    const records = at(r.body, 'records') as Record<string, unknown>[];
    assert.equal(records.length, 30);
    const types = new Set(records.map((e) => e['type']));
    assert.ok(types.has('User') && types.has('Department') && types.size >= 5);
    assert.ok(records.some((e) => e['extensionNumber'] === undefined), 'an unassigned extension without extensionNumber');
    assert.ok(records.some((e) => /[^\x20-\x7e]/.test(String(e['name']))), 'a non-ASCII name');
    const users = await api(em, '/restapi/v1.0/account/~/extension?type=User&status=Enabled', t.access_token);
    assert.ok((at(users.body, 'records') as Record<string, unknown>[]).every((e) => e['type'] === 'User' && e['status'] === 'Enabled'));
  });

  it('GET /phone-number (Heavy): main number once, unique E.164 numbers, a realistic mix', async () => {
    const em = emu();
    const t = await signIn(em);
    const r = await api(em, '/restapi/v1.0/account/~/phone-number', t.access_token);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-rate-limit-group'), 'heavy');
    const records = at(r.body, 'records') as Record<string, unknown>[];
    assert.equal(records.length, 100);
    assert.deepEqual(records, em.data.phoneNumbers.slice(0, 100));
    const all = em.data.phoneNumbers;
    assert.equal(all.length, 120);
    assert.equal(all.filter((p) => p['usageType'] === 'MainCompanyNumber').length, 1);
    assert.equal(all.find((p) => p['usageType'] === 'MainCompanyNumber')?.['phoneNumber'], em.data.account['mainNumber']);
    assert.equal(new Set(all.map((p) => p['phoneNumber'])).size, all.length);
    for (const p of all) {
      assert.match(String(p['phoneNumber']), /^\+[1-9]\d{9,14}$/);
      assert.equal(typeof p['id'], 'number');
      assert.match(String(p['uri']), new RegExp(`^${em.url}/restapi/v1\\.0/account/\\d+/phone-number/${String(p['id'])}$`));
      assert.ok(['VoiceFax', 'FaxOnly', 'VoiceOnly'].includes(String(p['type'])));
      const ext = p['extension'] as Record<string, unknown> | undefined;
      if (ext) assert.deepEqual(Object.keys(ext).sort(), ['extensionNumber', 'id', 'name', 'uri']);
    }
    const usage = countBy(all, 'usageType');
    for (const u of ['DirectNumber', 'CompanyNumber', 'AdditionalCompanyNumber', 'CompanyFaxNumber', 'ForwardedNumber', 'ConferencingNumber', 'ContactCenterNumber', 'BusinessMobileNumber']) {
      assert.ok((usage[u] ?? 0) >= 1, u);
    }
    assert.ok((usage['DirectNumber'] ?? 0) > all.length / 2, 'mostly DirectNumber');
    const status = countBy(all, 'status');
    assert.ok((status['Normal'] ?? 0) > all.length * 0.7 && status['Pending'] && status['PortedIn'] && status['Temporary']);
    const payment = countBy(all, 'paymentType');
    assert.ok(payment['Local'] && payment['TollFree']);
    // Every assigned number names an extension of the directory; some direct numbers are nobody's.
    const directory = new Map(em.data.extensions.map((e) => [e['id'], e]));
    for (const p of all.filter((n) => n['extension'] !== undefined)) {
      const ref = p['extension'] as Record<string, unknown>;
      const ext = directory.get(ref['id']);
      assert.ok(ext, `the extension of ${String(p['phoneNumber'])} is in the directory`);
      assert.deepEqual([ref['extensionNumber'], ref['name'], ref['uri']], [ext['extensionNumber'], ext['name'], ext['uri']]);
    }
    const direct = all.filter((p) => p['usageType'] === 'DirectNumber');
    const unassigned = direct.filter((p) => p['extension'] === undefined);
    assert.ok(unassigned.length >= 1 && unassigned.length < direct.length / 5, `a few unassigned direct numbers (${unassigned.length} of ${direct.length})`);
    assert.ok(all.filter((p) => p['usageType'] === 'CompanyNumber').every((p) => p['extension'] === undefined));
    for (const key of ['label', 'location', 'primary', 'temporaryNumber', 'vanityPattern', 'contactCenterProvider', 'callerIdName', 'activationStatus']) {
      const n = all.filter((p) => key in p).length;
      assert.ok(n > 0 && n < all.length, `${key} on some records only (${n})`);
    }
    const labels = all.map((p) => (typeof p['label'] === 'string' ? p['label'] : ''));
    for (const ch of [',', '"', '\n', '$', '`']) assert.ok(labels.some((l) => l.includes(ch)), `a label with ${JSON.stringify(ch)}`);
    assert.ok(labels.some((l) => /[\u0080-\uffff]/.test(l)), 'a non-ASCII label');
  });

  it("GET /extension/~/phone-number (Light) lists the user's own numbers", async () => {
    const em = emu();
    const t = await signIn(em);
    const r = await api(em, '/restapi/v1.0/account/~/extension/~/phone-number', t.access_token);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-rate-limit-group'), 'light');
    const records = at(r.body, 'records') as Record<string, unknown>[];
    const mine = em.data.phoneNumbers.filter((p) => String(at(p, 'extension.id')) === em.user.extensionId);
    assert.ok(records.length >= 2);
    assert.deepEqual(records.map((p) => p['phoneNumber']), mine.map((p) => p['phoneNumber']));
    assert.ok(records.some((p) => p['primary'] === true));
    assert.ok(records.every((p) => Array.isArray(p['features']) && !('extension' in p)));
  });

  it('unknown paths and ids are 404 CMN-102 with a REST error body', async () => {
    const em = emu();
    const t = await signIn(em);
    for (const [p, param] of [
      ['/restapi/v1.0/account/~/nothing-here', 'path'],
      ['/restapi/v1.0/account/123/extension', 'accountId'],
      ['/restapi/v1.0/account/~/extension/42', 'extensionId'],
      ['/restapi/v1.0/dictionary/whatever', 'path'],
    ] as const) {
      const r = await api(em, p, t.access_token);
      assert.equal(r.status, 404, p);
      assert.equal(at(r.body, 'errorCode'), 'CMN-102');
      assert.equal(errorCode(r.body), 'CMN-102');
      assert.equal(at(r.body, 'message'), `Resource for parameter [${param}] is not found`);
      assert.ok(r.headers.get('x-rate-limit-group'));
    }
  });

  it('records are deterministic for a seed and differ between seeds', async () => {
    const a = await startEmulator({ seed: 7 });
    const b = await startEmulator({ seed: 7 });
    const c = await startEmulator({ seed: 8 });
    try {
      const strip = (em: Emulator): string => JSON.stringify(em.data).split(em.url).join('');
      assert.equal(strip(a), strip(b));
      assert.notEqual(strip(a), strip(c));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('generates 100,000 numbers, prefix-stable and unique', () => {
    const em = emu();
    const first = em.data.phoneNumbers.slice(0, 120);
    em.setPhoneNumberCount(100_000);
    const all = em.data.phoneNumbers;
    assert.equal(all.length, 100_000);
    assert.deepEqual(all.slice(0, 120), first);
    assert.equal(new Set(all.map((p) => p['phoneNumber'])).size, 100_000);
    assert.equal(all.filter((p) => p['usageType'] === 'MainCompanyNumber').length, 1);
  });
});

function countBy(records: Record<string, unknown>[], key: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) {
    const v = String(r[key]);
    out[v] = (out[v] ?? 0) + 1;
  }
  return out;
}

describe('emulator: lists and paging', () => {
  const emu = useEmulator({ phoneNumbers: 250, unlimited: true });
  const list = '/restapi/v1.0/account/~/phone-number';

  it('pages with absolute navigation URIs on the emulator host; no nextPage on the last page', async () => {
    const em = emu();
    const t = await signIn(em);
    const p1 = await api(em, `${list}?perPage=100`, t.access_token);
    assert.deepEqual(at(p1.body, 'paging'), { page: 1, totalPages: 3, perPage: 100, totalElements: 250, pageStart: 0, pageEnd: 99 });
    const nav = at(p1.body, 'navigation') as Record<string, { uri: string }>;
    assert.deepEqual(Object.keys(nav).sort(), ['firstPage', 'lastPage', 'nextPage']);
    for (const { uri } of Object.values(nav)) assert.ok(uri.startsWith(`${em.url}/restapi/v1.0/account/`), uri);
    assert.equal(new URL(String(nav['nextPage']?.uri)).searchParams.get('page'), '2');
    assert.equal(new URL(String(nav['lastPage']?.uri)).searchParams.get('page'), '3');
    assert.match(String(at(p1.body, 'uri')), /^http:\/\/127\.0\.0\.1:\d+\/restapi\/v1\.0\/account\/\d+\/phone-number\?page=1&perPage=100$/);
    const p3 = await api(em, String(nav['lastPage']?.uri), t.access_token);
    assert.deepEqual(at(p3.body, 'paging'), { page: 3, totalPages: 3, perPage: 100, totalElements: 250, pageStart: 200, pageEnd: 249 });
    assert.equal(at(p3.body, 'navigation.nextPage'), undefined);
    assert.equal(new URL(String(at(p3.body, 'navigation.previousPage.uri'))).searchParams.get('page'), '2');
  });

  it('following nextPage visits every record exactly once', async () => {
    const em = emu();
    const t = await signIn(em);
    const seen: unknown[] = [];
    let next: string | undefined = `${list}?perPage=33`;
    while (next) {
      const r = await api(em, next, t.access_token);
      seen.push(...(at(r.body, 'records') as unknown[]));
      next = at(r.body, 'navigation.nextPage.uri') as string | undefined;
    }
    assert.deepEqual(seen, em.data.phoneNumbers);
  });

  it('defaults to 100 per page, clamps perPage to 1000 and accepts legacy perPage=max', async () => {
    const em = emu();
    em.setPhoneNumberCount(1500);
    const t = await signIn(em);
    assert.equal(at((await api(em, list, t.access_token)).body, 'paging.perPage'), 100);
    const big = await api(em, `${list}?perPage=5000`, t.access_token);
    assert.equal(at(big.body, 'paging.perPage'), 1000);
    assert.equal((at(big.body, 'records') as unknown[]).length, 1000);
    const max = await api(em, `${list}?perPage=max`, t.access_token);
    assert.equal(at(max.body, 'paging.perPage'), 1000);
    assert.equal(new URL(String(at(max.body, 'navigation.nextPage.uri'))).searchParams.get('perPage'), 'max');
    for (const bad of ['page=0', 'page=x', 'perPage=-1', 'perPage=abc']) {
      const r = await api(em, `${list}?${bad}`, t.access_token);
      assert.equal(r.status, 400, bad);
      assert.equal(errorCode(r.body), 'CMN-101');
    }
  });

  it('a page past the end is empty and has no nextPage', async () => {
    const em = emu();
    const t = await signIn(em);
    const r = await api(em, `${list}?page=9&perPage=100`, t.access_token);
    assert.equal(r.status, 200);
    assert.deepEqual(at(r.body, 'records'), []);
    assert.equal(at(r.body, 'navigation.nextPage'), undefined);
    assert.equal(at(r.body, 'paging.page'), 9);
    assert.equal(at(r.body, 'paging.pageStart'), undefined);
  });

  it('omitTotals drops totalPages, totalElements and lastPage', async () => {
    const em = emu();
    const t = await signIn(em);
    em.setOmitTotals(true);
    const r = await api(em, `${list}?perPage=100`, t.access_token);
    assert.deepEqual(at(r.body, 'paging'), { page: 1, perPage: 100, pageStart: 0, pageEnd: 99 });
    assert.deepEqual(Object.keys(at(r.body, 'navigation') as object).sort(), ['firstPage', 'nextPage']);
    const opt = await startEmulator({ omitTotals: true });
    try {
      const t2 = await signIn(opt);
      assert.equal(at((await api(opt, '/restapi/v1.0/account/~/extension', t2.access_token)).body, 'paging.totalElements'), undefined);
    } finally {
      await opt.close();
    }
  });

  it('filters by usageType, paymentType and status (repeated keys); navigation keeps the filters', async () => {
    const em = emu();
    const t = await signIn(em);
    const r = await api(em, `${list}?usageType=DirectNumber&usageType=MainCompanyNumber&perPage=20`, t.access_token);
    const records = at(r.body, 'records') as Record<string, unknown>[];
    assert.ok(records.every((p) => p['usageType'] === 'DirectNumber' || p['usageType'] === 'MainCompanyNumber'));
    const expected = em.data.phoneNumbers.filter((p) => p['usageType'] === 'DirectNumber' || p['usageType'] === 'MainCompanyNumber').length;
    assert.equal(at(r.body, 'paging.totalElements'), expected);
    const next = new URL(String(at(r.body, 'navigation.nextPage.uri')));
    assert.deepEqual(next.searchParams.getAll('usageType'), ['DirectNumber', 'MainCompanyNumber']);
    const tf = await api(em, `${list}?paymentType=TollFree&status=Normal`, t.access_token);
    const tfRecords = at(tf.body, 'records') as Record<string, unknown>[];
    assert.ok(tfRecords.length > 0 && tfRecords.every((p) => p['paymentType'] === 'TollFree' && p['status'] === 'Normal'));
    const bad = await api(em, `${list}?usageType=Bogus`, t.access_token);
    assert.equal(bad.status, 400);
    assert.equal(at(bad.body, 'errors.0.parameterName'), 'usageType');
  });

  it('a non-admin sees only DirectNumber records; CMN-408 is available by fault', async () => {
    const em = await startEmulator({ admin: false });
    try {
      const t = await signIn(em);
      const r = await api(em, `${list}?perPage=1000`, t.access_token);
      const records = at(r.body, 'records') as Record<string, unknown>[];
      assert.ok(records.length > 0 && records.every((p) => p['usageType'] === 'DirectNumber'));
      em.inject({ kind: 'status', status: 403, path: list });
      const denied = await api(em, list, t.access_token);
      assert.equal(denied.status, 403);
      assert.equal(errorCode(denied.body), 'CMN-408');
      assert.equal(at(denied.body, 'errors.0.permissionName'), 'ReadCompanyPhoneNumbers');
    } finally {
      await em.close();
    }
  });
});

describe('emulator: rate limits', () => {
  const emu = useEmulator({ limits: { ...HIGH_AUTH, Heavy: { limit: 3, windowMs: 60_000, penaltyMs: 60_000 } } });
  const list = '/restapi/v1.0/account/~/phone-number';

  it('sends X-Rate-Limit-* on REST and OAuth responses; Remaining counts down', async () => {
    const em = emu();
    const t = await signIn(em);
    const r1 = await api(em, list, t.access_token);
    assert.equal(r1.headers.get('x-rate-limit-group'), 'heavy');
    assert.equal(r1.headers.get('x-rate-limit-limit'), '3');
    assert.equal(r1.headers.get('x-rate-limit-remaining'), '2');
    assert.equal(r1.headers.get('x-rate-limit-window'), '60');
    assert.equal((await api(em, list, t.access_token)).headers.get('x-rate-limit-remaining'), '1');
    const light = await api(em, '/restapi/v1.0/account/~', t.access_token);
    assert.equal(light.headers.get('x-rate-limit-limit'), '50');
    assert.equal(light.headers.get('x-rate-limit-remaining'), '49');
    const unauth = await api(em, '/restapi/v1.0/account/~');
    assert.equal(unauth.headers.get('x-rate-limit-group'), 'light');
  });

  it('429 CMN-301 with Retry-After; every request during the penalty gets 429 and restarts it', async () => {
    const em = emu();
    const t = await signIn(em);
    for (let i = 0; i < 3; i++) assert.equal((await api(em, list, t.access_token)).status, 200);
    const r = await api(em, list, t.access_token);
    assert.equal(r.status, 429);
    assert.deepEqual(r.body, { errorCode: 'CMN-301', message: 'Request rate exceeded', errors: [{ errorCode: 'CMN-301', message: 'Request rate exceeded' }] });
    assert.equal(r.headers.get('retry-after'), '60');
    assert.equal(r.headers.get('x-rate-limit-group'), 'heavy');
    assert.equal(r.headers.get('x-rate-limit-remaining'), '0');
    // Other groups are independent.
    assert.equal((await api(em, '/restapi/v1.0/account/~', t.access_token)).status, 200);
    em.clock.advance(59_000);
    assert.equal((await api(em, list, t.access_token)).status, 429, 'still in the penalty, which restarts');
    em.clock.advance(59_000);
    assert.equal((await api(em, list, t.access_token)).status, 429, 'restarted by the previous request');
    em.clock.advance(60_001);
    const after = await api(em, list, t.access_token);
    assert.equal(after.status, 200);
    assert.equal(after.headers.get('x-rate-limit-remaining'), '2');
  });

  it('the window slides over the emulator clock', async () => {
    const em = emu();
    const t = await signIn(em);
    await api(em, list, t.access_token);
    em.clock.advance(30_000);
    await api(em, list, t.access_token);
    await api(em, list, t.access_token);
    em.clock.advance(30_001);
    const r = await api(em, list, t.access_token);
    assert.equal(r.status, 200, 'the first request left the window');
    assert.equal(r.headers.get('x-rate-limit-remaining'), '0');
  });

  it('limits are per token owner (user and app)', async () => {
    const em = emu();
    const t = await signIn(em);
    for (let i = 0; i < 4; i++) await api(em, list, t.access_token);
    assert.equal((await api(em, list, t.access_token)).status, 429);
    const { verifier, challenge } = pkcePair();
    const code = await authorizationCode(em, em.publicApp.clientId, LOOPBACK_CB, challenge);
    const pub = await postForm(em, { grant_type: 'authorization_code', code, redirect_uri: LOOPBACK_CB, code_verifier: verifier, client_id: em.publicApp.clientId }, { authorization: null });
    assert.equal((await api(em, list, (pub.body as TokenBody).access_token)).status, 200);
  });

  it('the Auth group answers 429 in the OAuth error shape', async () => {
    const em = await startEmulator({ limits: { Auth: { limit: 2, windowMs: 60_000, penaltyMs: 30_000 } } });
    try {
      await signIn(em);
      await signIn(em);
      const r = await postForm(em, { grant_type: JWT_GRANT, assertion: em.jwt });
      assert.equal(r.status, 429);
      assert.equal(at(r.body, 'error'), 'rate_limit_exceeded');
      assert.equal(typeof at(r.body, 'error_description'), 'string');
      assert.equal(errorCode(r.body), 'CMN-301');
      assert.equal(r.headers.get('retry-after'), '30');
      assert.equal(r.headers.get('x-rate-limit-group'), 'auth');
      // The Auth bucket is per app: authorize for the same app is locked too, another app is not.
      const same = await authorize(em, { response_type: 'code', client_id: em.app.clientId, redirect_uri: LOOPBACK_CB });
      assert.equal(same.status, 429);
      assert.equal(errorCode(same.body), 'CMN-301');
      const other = await authorize(em, { response_type: 'code', client_id: em.publicApp.clientId, redirect_uri: LOOPBACK_CB, code_challenge: pkcePair().challenge, code_challenge_method: 'S256' });
      assert.equal(other.status, 302);
    } finally {
      await em.close();
    }
  });

  it('penalties also pass in real time; Retry-After is the ceiling of the penalty in seconds', async () => {
    const em = emu();
    em.setLimit('Light', { limit: 1, windowMs: 150, penaltyMs: 200 });
    const t = await signIn(em);
    assert.equal((await api(em, '/restapi/v1.0/account/~', t.access_token)).status, 200);
    const r = await api(em, '/restapi/v1.0/account/~', t.access_token);
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '1');
    assert.equal(r.headers.get('x-rate-limit-window'), '1');
    await new Promise((resolve) => setTimeout(resolve, 260));
    assert.equal((await api(em, '/restapi/v1.0/account/~', t.access_token)).status, 200);
  });

  it('unlimited disables limiting but keeps the headers (advertising a quota nobody reaches)', async () => {
    const em = emu();
    em.setUnlimited(true);
    const t = await signIn(em);
    for (let i = 0; i < 8; i++) {
      const r = await api(em, list, t.access_token);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('x-rate-limit-group'), 'heavy');
      assert.equal(r.headers.get('x-rate-limit-limit'), '1000000');
      assert.equal(r.headers.get('x-rate-limit-remaining'), '1000000');
      assert.equal(r.headers.get('x-rate-limit-window'), '60');
    }
    em.setUnlimited(false);
    await api(em, list, t.access_token);
    assert.equal((await api(em, list, t.access_token)).headers.get('x-rate-limit-limit'), '3');
  });
});

describe('emulator: faults', () => {
  const emu = useEmulator({ limits: HIGH_AUTH });
  const acct = '/restapi/v1.0/account/~';

  it('status: a RingCentral error body (REST CMN-201; OAuth 503 shape on the token endpoint)', async () => {
    const em = emu();
    const t = await signIn(em);
    em.inject({ kind: 'status', path: '/restapi/v1.0/' });
    const r = await api(em, acct, t.access_token);
    assert.equal(r.status, 503);
    assert.equal(errorCode(r.body), 'CMN-201');
    em.inject({ kind: 'status', path: '/restapi/oauth/token', retryAfter: 5 });
    const o = await postForm(em, { grant_type: JWT_GRANT, assertion: em.jwt });
    assert.equal(o.status, 503);
    assert.deepEqual(o.body, { message: 'Service Unavailable', error: 'service_unavailable', error_description: 'Service Unavailable' });
    assert.equal(o.headers.get('retry-after'), '5');
    em.inject({ kind: 'status', status: 500, body: { custom: true }, headers: { 'X-Test': 'yes' } });
    const custom = await api(em, acct, t.access_token);
    assert.deepEqual([custom.status, custom.body, custom.headers.get('x-test')], [500, { custom: true }, 'yes']);
    assert.equal((await api(em, acct, t.access_token)).status, 200, 'each fault is used once by default');
  });

  it('reset destroys the socket; hang never answers; both are logged with status 0', async () => {
    const em = emu();
    const t = await signIn(em);
    em.inject({ kind: 'reset', path: acct });
    await assert.rejects(api(em, acct, t.access_token));
    em.inject({ kind: 'hang', path: acct });
    await assert.rejects(api(em, acct, t.access_token, AbortSignal.timeout(200)));
    const logged = em.requestsTo(acct, 'GET');
    assert.deepEqual(logged.map((r) => r.status), [0, 0]);
    assert.equal((await api(em, acct, t.access_token)).status, 200);
  });

  it('delay answers normally after ms', async () => {
    const em = emu();
    const t = await signIn(em);
    em.inject({ kind: 'delay', ms: 150 });
    const started = performance.now();
    const r = await api(em, acct, t.access_token);
    assert.equal(r.status, 200);
    assert.ok(performance.now() - started >= 140);
    assert.equal(r.headers.get('x-rate-limit-group'), 'light');
  });

  it('malformed, truncated, html and empty bodies', async () => {
    const em = emu();
    const t = await signIn(em);
    em.inject({ kind: 'malformed', path: acct });
    em.inject({ kind: 'truncated', path: acct });
    em.inject({ kind: 'html', path: acct });
    em.inject({ kind: 'empty', path: acct });
    const malformed = await api(em, acct, t.access_token);
    assert.equal(malformed.status, 200);
    assert.throws(() => JSON.parse(malformed.text) as unknown);
    const truncated = await api(em, acct, t.access_token);
    assert.equal(truncated.status, 200);
    assert.throws(() => JSON.parse(truncated.text) as unknown);
    assert.ok(JSON.stringify(em.data.account).startsWith(truncated.text) && truncated.text.length > 10);
    const html = await api(em, acct, t.access_token);
    assert.equal(html.status, 502);
    assert.match(String(html.headers.get('content-type')), /^text\/html/);
    assert.match(html.text, /<html>/);
    const empty = await api(em, acct, t.access_token);
    assert.deepEqual([empty.status, empty.text], [200, '']);
  });

  it('matches by path prefix, regex and method, honours times, and is used in order', async () => {
    const em = emu();
    const t = await signIn(em);
    em.inject({ kind: 'status', status: 502, path: /\/extension$/, times: 2 });
    em.inject({ kind: 'status', status: 504, method: 'POST' });
    em.inject({ kind: 'status', status: 500, path: '/restapi/v1.0/account' });
    em.inject({ kind: 'status', status: 501, path: '/restapi/v1.0/account' });
    assert.equal((await api(em, '/restapi/v1.0/account/~/extension', t.access_token)).status, 502);
    assert.equal((await api(em, '/restapi/v1.0/account/~/extension', t.access_token)).status, 502);
    assert.equal((await api(em, '/restapi/v1.0/account/~/extension', t.access_token)).status, 500);
    assert.equal((await api(em, '/restapi/v1.0/account/~', t.access_token)).status, 501);
    assert.equal((await api(em, '/restapi/v1.0/account/~', t.access_token)).status, 200);
    assert.equal((await postForm(em, { grant_type: JWT_GRANT, assertion: em.jwt })).status, 504);
    em.inject({ kind: 'status', times: 10 });
    em.clearFaults();
    assert.equal((await api(em, acct, t.access_token)).status, 200);
  });

  it('faulted requests are not counted by the rate limiter', async () => {
    const em = emu();
    em.setLimit('Heavy', { limit: 1, windowMs: 60_000, penaltyMs: 60_000 });
    const t = await signIn(em);
    const list = '/restapi/v1.0/account/~/phone-number';
    em.inject({ kind: 'status', status: 503, path: list, times: 3 });
    for (let i = 0; i < 3; i++) {
      const r = await api(em, list, t.access_token);
      assert.equal(r.status, 503);
      assert.equal(r.headers.get('x-rate-limit-group'), null);
    }
    const ok = await api(em, list, t.access_token);
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('x-rate-limit-remaining'), '0');
    assert.equal((await api(em, list, t.access_token)).status, 429);
    em.inject({ kind: 'status', status: 503, path: list });
    assert.equal((await api(em, list, t.access_token)).status, 503, 'a fault answers even during a penalty');
  });
});

describe('emulator: request log and close', () => {
  const emu = useEmulator({ limits: HIGH_AUTH });

  it('records every request with method, path, query, headers, body, status, group and grant type', async () => {
    const em = emu();
    const t = await signIn(em);
    await api(em, '/restapi/v1.0/account/~/phone-number?usageType=DirectNumber&page=2', t.access_token);
    await api(em, '/nowhere');
    const [tok, list, other] = em.requests;
    assert.equal(em.requests.length, 3);
    assert.equal(tok?.method, 'POST');
    assert.equal(tok?.path, '/restapi/oauth/token');
    assert.equal(tok?.grantType, JWT_GRANT);
    assert.equal(tok?.group, 'Auth');
    assert.equal(tok?.status, 200);
    assert.match(String(tok?.body), /grant_type=urn%3Aietf/);
    assert.equal(list?.path, '/restapi/v1.0/account/~/phone-number');
    assert.equal(list?.query.get('usageType'), 'DirectNumber');
    assert.equal(list?.headers['authorization'], `Bearer ${t.access_token}`);
    assert.equal(list?.group, 'Heavy');
    assert.ok(typeof list?.at === 'number' && Math.abs(list.at - em.clock.now()) < 5000);
    assert.deepEqual([other?.status, other?.group], [404, undefined]);
    assert.equal(em.requestsTo('/restapi/oauth/').length, 1);
    assert.equal(em.requestsTo('/restapi/', 'get').length, 1);
    assert.equal(em.requestsTo('/restapi/', 'POST').length, 1);
    em.clearRequests();
    assert.equal(em.requests.length, 0);
  });

  it('a `~` in requestsTo and fault prefixes also matches the numeric ids used by navigation URIs', async () => {
    const em = emu();
    const t = await signIn(em);
    const first = await api(em, '/restapi/v1.0/account/~/phone-number?perPage=50', t.access_token);
    const next = String(at(first.body, 'navigation.nextPage.uri'));
    assert.match(next, new RegExp(`/account/${String(em.data.account['id'])}/phone-number`));
    em.inject({ kind: 'status', status: 502, path: '/restapi/v1.0/account/~/phone-number' });
    assert.equal((await api(em, next, t.access_token)).status, 502);
    assert.equal(em.requestsTo('/restapi/v1.0/account/~/phone-number', 'GET').length, 2);
    await api(em, `/restapi/v1.0/account/~/extension/${em.user.extensionId}/phone-number`, t.access_token);
    assert.equal(em.requestsTo('/restapi/v1.0/account/~/extension/~/phone-number').length, 1);
  });

  it('close() ends keep-alive and hanging connections promptly', async () => {
    const em = await startEmulator();
    const t = await signIn(em);
    await api(em, '/restapi/v1.0/account/~', t.access_token);
    em.inject({ kind: 'hang', times: 3 });
    const pending = [api(em, '/restapi/v1.0/account/~', t.access_token), api(em, '/restapi/v1.0/account/~/extension', t.access_token)].map((p) =>
      p.then(
        () => 'answered',
        () => 'failed',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await em.close();
    assert.ok(performance.now() - started < 1000);
    assert.deepEqual(await Promise.all(pending), ['failed', 'failed']);
    await assert.rejects(api(em, '/restapi/v1.0/account/~', t.access_token));
    await em.close();
  });
});

describe('emulator: CLI', () => {
  it('parses --port, --numbers and PORT, with fixed demo credentials', () => {
    const a = parseArgs(['--port', '8080', '--numbers=500', '--non-admin', '--unlimited'], {});
    assert.equal(a.options.port, 8080);
    assert.equal(a.options.phoneNumbers, 500);
    assert.equal(a.options.admin, false);
    assert.equal(a.options.unlimited, true);
    assert.equal(parseArgs([], { PORT: '9000' }).options.port, 9000);
    assert.equal(parseArgs(['--port', '1'], { PORT: '9000' }).options.port, 1);
    assert.deepEqual(parseArgs([], {}).options.credentials, parseArgs([], {}).options.credentials);
    assert.throws(() => parseArgs(['--numbers', 'lots'], {}));
    assert.throws(() => parseArgs(['--what'], {}));
  });

  it('starts, prints a usable URL and credentials, and stops on SIGINT', async function () {
    this.timeout(10_000);
    const child = spawn(process.execPath, [path.join(__dirname, '../emulator/cli.js'), '--numbers', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Ctrl+C')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited early (${String(code)}): ${out}`)));
      });
      const field = (label: string): string => {
        const m = new RegExp(`${label}\\s+(\\S+)`).exec(out);
        assert.ok(m?.[1], label);
        return m[1];
      };
      const url = field('Server URL');
      const clientId = field('Client ID');
      const clientSecret = field('Client secret');
      const jwt = field('JWT credential');
      const res = await fetch(`${url}/restapi/oauth/token`, {
        method: 'POST',
        headers: { Authorization: basicAuth({ clientId, clientSecret }), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: JWT_GRANT, assertion: jwt }).toString(),
      });
      assert.equal(res.status, 200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
