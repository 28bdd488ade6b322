import { oauth, type Reply } from './errors';
import { parseBasic } from './http';
import type { EmulatorState } from './state';

export interface Client {
  clientId: string;
  /** Public (PKCE) app identified by `client_id` in the body, without a secret. */
  isPublic: boolean;
}

/**
 * Client authentication for /token and /revoke: the confidential app must send
 * `Authorization: Basic base64(id:secret)`; the public app sends only `client_id` in the body.
 * A Basic header for the public app (id with an empty secret, as some SDKs send) is refused,
 * like the platform does.
 */
export function authenticateClient(
  st: EmulatorState,
  authorization: string | undefined,
  form: URLSearchParams,
): Client | Reply {
  const basic = parseBasic(authorization);
  if (basic === 'malformed') return oauth.invalidClient();
  if (basic) {
    if (basic.id === st.app.clientId && basic.secret === st.app.clientSecret) {
      return { clientId: basic.id, isPublic: false };
    }
    return oauth.invalidClient();
  }
  const bodyId = form.get('client_id');
  if (bodyId === null || bodyId === '') return oauth.clientAuthRequired();
  if (bodyId === st.publicClientId) return { clientId: bodyId, isPublic: true };
  if (bodyId === st.app.clientId) return oauth.clientAuthRequired();
  return oauth.invalidClient();
}

export function isClient(x: Client | Reply): x is Client {
  return 'clientId' in x;
}

/** The client id a request claims (for rate-limit keys), without checking it. */
export function claimedClientId(authorization: string | undefined, form: URLSearchParams, query: URLSearchParams): string {
  const basic = parseBasic(authorization);
  if (basic && basic !== 'malformed') return basic.id;
  return form.get('client_id') ?? query.get('client_id') ?? 'anonymous';
}
