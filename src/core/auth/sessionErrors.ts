import { RingCentralError } from '../errors';

const SIGN_IN_AGAIN = 'Run "RingCentral: Sign In" to sign in again.';

export function signedOut(message: string): RingCentralError {
  return new RingCentralError({ kind: 'signedOut', message, hint: SIGN_IN_AGAIN, action: 'signIn' });
}

export function cancelled(message: string): RingCentralError {
  return new RingCentralError({ kind: 'cancelled', message, hint: 'Cancelled; the session is unchanged.' });
}

const GRANT_GONE_CODES = new Set(['invalid_grant', 'OAU-210', 'OAU-211', 'OAU-213']);

/** The platform says the refresh token (and with it the session) is gone, not that it could not answer. */
export function isGrantGone(e: RingCentralError): boolean {
  return e.kind === 'http' && (e.status === 400 || e.status === 401) && e.code !== undefined && GRANT_GONE_CODES.has(e.code);
}

/** Why the session ended, in words that name the fix. `lost`: RingCentral renewed it but the answer never arrived. */
export function sessionEnded(cause: RingCentralError | undefined, lost: boolean): RingCentralError {
  if (!cause) return signedOut('The RingCentral session expired: it was not used for longer than its refresh token lasts.');
  const code = cause.code ?? 'invalid_grant';
  const message = lost
    ? `RingCentral renewed the session, but its answer was lost on the way and the renewal cannot be repeated (${code}).`
    : code === 'OAU-210'
      ? 'The RingCentral session expired (OAU-210): it was not used for longer than its refresh token lasts.'
      : code === 'OAU-211' || code === 'OAU-213'
        ? `RingCentral ended the session (${code}): it was signed out elsewhere, revoked by an administrator, or replaced by newer sign-ins (RingCentral keeps five per user and app).`
        : `RingCentral no longer accepts this session (${code}).`;
  return new RingCentralError({ kind: 'signedOut', hint: SIGN_IN_AGAIN, action: 'signIn', ...(cause.status !== undefined ? { status: cause.status } : {}), code, message, cause });
}
