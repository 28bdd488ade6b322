import { RingCentralError } from '../errors';
import type { RequestAuth, RestClient } from '../http/restClient';
import { TokenInfoSchema, type TokenInfo } from '../schemas/token';
import type { AppCredentials, Grant, TokenTtl } from './credentials';

const TOKEN_PATH = '/restapi/oauth/token';
const REVOKE_PATH = '/restapi/oauth/revoke';
const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** RingCentral's OAuth endpoints. Token requests are never retried: a replayed grant can spend a single-use code or refresh token. */
export class TokenEndpoint {
  constructor(private readonly client: RestClient) {}

  async grant(app: AppCredentials, grant: Grant, ttl: TokenTtl = {}, signal?: AbortSignal): Promise<TokenInfo> {
    try {
      return await this.post(app, { ...grantForm(grant), ...ttlForm(ttl) }, signal);
    } catch (e) {
      throw grant.type === 'password' ? explainPasswordRefusal(e) : e;
    }
  }

  refresh(app: AppCredentials, refreshToken: string, ttl: TokenTtl = {}, signal?: AbortSignal): Promise<TokenInfo> {
    return this.post(app, { grant_type: 'refresh_token', refresh_token: refreshToken, ...ttlForm(ttl) }, signal);
  }

  /** Ends the whole session on the server. Failures are ignored: the local session is deleted either way. */
  async revoke(app: AppCredentials, token: string): Promise<boolean> {
    try {
      await this.client.request({ method: 'POST', path: REVOKE_PATH, auth: clientAuth(app), form: { token, ...clientIdForm(app) }, retry: false, timeoutMs: 10_000 });
      return true;
    } catch {
      return false;
    }
  }

  private async post(app: AppCredentials, form: Record<string, string | undefined>, signal?: AbortSignal): Promise<TokenInfo> {
    const res = await this.client.request({
      method: 'POST',
      path: TOKEN_PATH,
      auth: clientAuth(app),
      form: { ...form, ...clientIdForm(app) },
      retry: false,
      ...(signal ? { signal } : {}),
    });
    const parsed = TokenInfoSchema.safeParse(res.body);
    if (!parsed.success) {
      throw new RingCentralError({
        kind: 'malformed',
        status: res.status,
        method: 'POST',
        path: TOKEN_PATH,
        message: 'RingCentral answered the sign-in request without a usable token.',
        hint: 'The answer was damaged or came from something other than RingCentral (check the ringcentral.server and http.proxy settings), then sign in again.',
      });
    }
    return parsed.data;
  }
}

function grantForm(grant: Grant): Record<string, string | undefined> {
  switch (grant.type) {
    case 'jwt':
      return { grant_type: JWT_GRANT, assertion: grant.assertion };
    case 'password':
      return { grant_type: 'password', username: grant.username, password: grant.password, extension: grant.extension || undefined };
    case 'authorizationCode':
      return { grant_type: 'authorization_code', code: grant.code, redirect_uri: grant.redirectUri, code_verifier: grant.codeVerifier };
  }
}

function ttlForm(ttl: TokenTtl): Record<string, string | undefined> {
  return {
    access_token_ttl: ttl.accessTokenTtl?.toString(),
    refresh_token_ttl: ttl.refreshTokenTtl?.toString(),
  };
}

function clientAuth(app: AppCredentials): RequestAuth {
  return app.clientSecret ? { kind: 'basic', clientId: app.clientId, clientSecret: app.clientSecret } : { kind: 'none' };
}

function clientIdForm(app: AppCredentials): Record<string, string | undefined> {
  return app.clientSecret ? {} : { client_id: app.clientId };
}

const PASSWORD_SHUTDOWN_CODES = new Set(['OAU-251', 'OAU-168', 'OAU-112', 'OAU-125', 'OAU-250', 'unauthorized_client', 'unsupported_grant_type']);

/** RingCentral ended the password grant in 2024; the raw refusal names no fix, so say what happened and offer JWT. */
function explainPasswordRefusal(e: unknown): unknown {
  if (!(e instanceof RingCentralError) || e.code === undefined || !PASSWORD_SHUTDOWN_CODES.has(e.code)) return e;
  const mfa = e.code === 'OAU-168';
  return new RingCentralError({
    kind: 'http',
    ...(e.status !== undefined ? { status: e.status } : {}),
    code: e.code,
    method: 'POST',
    path: TOKEN_PATH,
    message: mfa
      ? 'RingCentral refused password sign-in because this user must use multi-factor authentication.'
      : 'RingCentral no longer accepts password sign-in for this app (password sign-in was ended on 31 March 2024).',
    hint: 'Switch to JWT: in the RingCentral Developer Console create a JWT credential (Profile → Credentials), enable "JWT auth flow" for the app, then run "RingCentral: Sign In" with the JWT sign-in method.',
    action: 'switchToJwt',
    cause: e,
  });
}
