import type { TokenInfo } from '../schemas/token';
import type { AuthFlow } from './credentials';

/**
 * A signed-in session as stored: absolute expiry times, because `expires_in` means nothing once written down.
 * Times are the platform's (see ServerClock), so every window judges expiry alike whatever its own clock says.
 */
export interface Session {
  server: string;
  clientId: string;
  flow: AuthFlow;
  accessToken: string;
  /** Epoch ms. */
  accessTokenExpiresAt: number;
  refreshToken?: string;
  refreshTokenExpiresAt?: number;
  scope?: string;
  ownerId?: string;
  /** Who signed in, as the Accounts menu shows it ("Name (ext. 101)"), read once at sign-in. */
  ownerLabel?: string;
  endpointId?: string;
  signedInAt: number;
  refreshedAt: number;
  /** Bumped on every rotation and sign-in; tells a window that another one changed the session. */
  generation: number;
}

/**
 * One record per server in the store. After sign-out the record keeps only `signedOut`, so a window whose renewal
 * lands late can see that the session it renewed is over and must not come back.
 */
export interface StoredRecord {
  session?: Session;
  signedOut?: { generation: number; at: number };
}

export function sessionFromToken(
  token: TokenInfo,
  base: { server: string; clientId: string; flow: AuthFlow; signedInAt?: number; generation: number; ownerLabel?: string },
  now: number,
): Session {
  const session: Session = {
    server: base.server,
    clientId: base.clientId,
    flow: base.flow,
    accessToken: token.access_token,
    accessTokenExpiresAt: now + Number(token.expires_in) * 1000,
    signedInAt: base.signedInAt ?? now,
    refreshedAt: now,
    generation: base.generation,
  };
  if (token.refresh_token) {
    session.refreshToken = token.refresh_token;
    if (token.refresh_token_expires_in !== undefined) session.refreshTokenExpiresAt = now + Number(token.refresh_token_expires_in) * 1000;
  }
  if (token.scope !== undefined) session.scope = token.scope;
  if (token.owner_id !== undefined) session.ownerId = String(token.owner_id);
  if (base.ownerLabel !== undefined) session.ownerLabel = base.ownerLabel;
  if (token.endpoint_id !== undefined) session.endpointId = String(token.endpoint_id);
  return session;
}

/** When the session as a whole ends if nobody uses it: the refresh token's expiry, or the access token's when there is none. */
export function sessionEndsAt(session: Session): number {
  return session.refreshTokenExpiresAt ?? session.accessTokenExpiresAt;
}

/** The session in a record, unless the record is for another server or marks a sign-out of that generation. */
export function sessionIn(record: StoredRecord | undefined, server: string): Session | undefined {
  const s = record?.session;
  if (!s || s.server !== server) return undefined;
  return (record.signedOut?.generation ?? 0) >= s.generation ? undefined : s;
}
