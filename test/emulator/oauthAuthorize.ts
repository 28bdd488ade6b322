import { authenticateClient, isClient } from './clientAuth';
import { oauth, type Reply } from './errors';
import type { EmulatorState } from './state';

/**
 * Registered redirect URIs of both apps: any loopback `http://127.0.0.1|localhost|[::1]:<port>/...`
 * and any `vscode://` (or `vscode-insiders://`) URI.
 */
export function isRegisteredRedirect(uri: string): boolean {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  if (u.protocol === 'vscode:' || u.protocol === 'vscode-insiders:') return true;
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  return u.protocol === 'http:' && loopback && u.username === '' && u.password === '';
}

/** Appends query parameters to a redirect URI without normalising what the client registered. */
function withParams(uri: string, params: Record<string, string | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null) q.set(k, v);
  const hash = uri.indexOf('#');
  const bare = hash >= 0 ? uri.slice(0, hash) : uri;
  return `${bare}${bare.includes('?') ? '&' : '?'}${q.toString()}`;
}

export type AuthorizeResult = { redirect: string } | Reply;

/**
 * GET /restapi/oauth/authorize: validates the client and redirect URI, then auto-approves as the
 * default user (or denies, per `setAuthorizeOutcome`) by redirecting back with `code`/`state`.
 */
export function handleAuthorize(st: EmulatorState, query: URLSearchParams): AuthorizeResult {
  const clientId = query.get('client_id') ?? '';
  const isPublic = clientId === st.publicClientId;
  if (clientId !== st.app.clientId && !isPublic) return oauth.unknownClient();
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!isRegisteredRedirect(redirectUri)) return oauth.redirectMismatch(403);
  const state = query.get('state');
  const fail = (error: string, description: string): AuthorizeResult => ({
    redirect: withParams(redirectUri, { error, error_description: description, state }),
  });
  if (query.get('response_type') !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported');
  const challenge = query.get('code_challenge');
  if (challenge !== null && query.get('code_challenge_method') !== 'S256') {
    return fail('invalid_request', 'Only code_challenge_method=S256 is supported');
  }
  if (isPublic && !challenge) return fail('invalid_request', 'code_challenge is required for this application');
  if (st.settings.authorizeOutcome === 'deny') return fail('access_denied', 'The user denied access');
  const code = st.tokens.createCode({
    clientId,
    redirectUri,
    ownerId: String(st.directory.me['id']),
    ...(challenge ? { challenge } : {}),
  });
  return { redirect: withParams(redirectUri, { code, state }) };
}

/** POST /restapi/oauth/revoke: ends the session of the token; unknown tokens are fine (200). */
export function handleRevoke(
  st: EmulatorState,
  authorization: string | undefined,
  form: URLSearchParams,
  query: URLSearchParams,
): Reply {
  const client = authenticateClient(st, authorization, form);
  if (!isClient(client)) return client;
  const token = form.get('token') ?? query.get('token');
  if (token) st.tokens.revoke(token, client.clientId);
  return { status: 200, body: undefined };
}
