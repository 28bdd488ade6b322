import { authenticateClient, isClient, type Client } from './clientAuth';
import { oauth, type Reply } from './errors';
import { s256 } from './random';
import type { EmulatorState } from './state';
import { CODE_TTL_MS, ttlsFrom } from './tokens';

export const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** POST /restapi/oauth/token (form-encoded). */
export function handleToken(
  st: EmulatorState,
  contentType: string | undefined,
  authorization: string | undefined,
  form: URLSearchParams,
): Reply {
  if (!(contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return oauth.unsupportedMediaType();
  }
  const client = authenticateClient(st, authorization, form);
  if (!isClient(client)) return client;
  const grant = form.get('grant_type');
  if (!grant) return oauth.missingParameter('grant_type');
  const publicAllowed = grant === 'authorization_code' || grant === 'refresh_token';
  if (client.isPublic && !publicAllowed) return oauth.unauthorizedGrant();
  switch (grant) {
    case JWT_GRANT:
      return jwtGrant(st, client, form);
    case 'authorization_code':
      return codeGrant(st, client, form);
    case 'password':
      return passwordGrant(st, client, form);
    case 'refresh_token': {
      const token = form.get('refresh_token');
      if (!token) return oauth.missingParameter('refresh_token');
      const out = st.tokens.refreshWith(token, client.clientId, ttlsFrom(form));
      return 'tokens' in out ? ok(out.tokens) : out.error;
    }
    default:
      return oauth.unsupportedGrant(grant);
  }
}

function ok(body: Record<string, unknown>): Reply {
  return { status: 200, body, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
}

function signIn(st: EmulatorState, client: Client, form: URLSearchParams): Reply {
  const ownerId = String(st.directory.me['id']);
  return ok(st.tokens.signIn(client.clientId, ownerId, ttlsFrom(form), form.get('endpoint_id') ?? undefined));
}

function jwtGrant(st: EmulatorState, client: Client, form: URLSearchParams): Reply {
  const assertion = form.get('assertion');
  if (!assertion) return oauth.missingParameter('assertion');
  if (assertion !== st.jwt) return oauth.invalidJwt();
  return signIn(st, client, form);
}

function codeGrant(st: EmulatorState, client: Client, form: URLSearchParams): Reply {
  const value = form.get('code');
  if (!value) return oauth.missingParameter('code');
  const code = st.tokens.findCode(value);
  if (!code || code.used) return oauth.invalidCode();
  if (code.clientId !== client.clientId) return oauth.codeWrongApp();
  if (st.clock.now() - code.createdAt > CODE_TTL_MS) return oauth.expiredCode();
  if ((form.get('redirect_uri') ?? '') !== code.redirectUri) return oauth.redirectMismatch();
  if (code.challenge !== undefined) {
    const verifier = form.get('code_verifier');
    if (!verifier || s256(verifier) !== code.challenge) return oauth.badVerifier();
  } else if (client.isPublic) {
    return oauth.badVerifier();
  }
  code.used = true;
  return signIn(st, client, form);
}

const digits = (s: string): string => s.replace(/\D/g, '');

function passwordGrant(st: EmulatorState, client: Client, form: URLSearchParams): Reply {
  if (!st.settings.passwordGrant) return oauth.unauthorizedGrant();
  const username = form.get('username') ?? '';
  const password = form.get('password') ?? '';
  const star = username.indexOf('*');
  const login = star >= 0 ? username.slice(0, star) : username;
  const extension = star >= 0 ? username.slice(star + 1) : (form.get('extension') ?? '');
  const me = st.directory.me;
  const email = String((me['contact'] as { email?: string }).email ?? '').toLowerCase();
  const myExtension = String(me['extensionNumber']);
  let who = false;
  if (login.includes('@')) who = login.toLowerCase() === email;
  else if (digits(login) !== '' && digits(login) === digits(String(st.directory.account['mainNumber']))) {
    who = extension === '' || extension === myExtension;
  }
  if (!who || password !== st.password) return oauth.badCredentials();
  return signIn(st, client, form);
}
