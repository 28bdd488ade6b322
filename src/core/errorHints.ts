/**
 * What to tell the user for each RingCentral error code, and which fix the UI may offer as a button.
 * Codes come from API.md's table; the wording names the fix, not the symptom.
 */
export type FixAction =
  | 'reenterClientCredentials'
  | 'reenterPassword'
  | 'switchToJwt'
  | 'signIn'
  | 'retryLater'
  | 'openAppSettings'
  | 'checkServer'
  | 'checkRedirectUri';

export interface ErrorAdvice {
  hint: string;
  action?: FixAction;
}

const APP_CONSOLE = 'in the RingCentral Developer Console (developers.ringcentral.com → Apps)';

const byCode: Record<string, ErrorAdvice> = {
  'OAU-109': { hint: `The redirect URI is not registered for this app. Add the exact redirect URI shown in the log to the app's OAuth settings ${APP_CONSOLE}.`, action: 'openAppSettings' },
  'OAU-113': { hint: `This app has no redirect URI. Add the redirect URI shown in the log to the app's OAuth settings ${APP_CONSOLE}.`, action: 'openAppSettings' },
  'OAU-112': { hint: `This app is not allowed to use this sign-in method. Enable the grant type ${APP_CONSOLE}, or choose another sign-in method (JWT is recommended).`, action: 'switchToJwt' },
  'OAU-125': { hint: `This app is not allowed to use this sign-in method. Enable the grant type ${APP_CONSOLE}, or choose another sign-in method (JWT is recommended).`, action: 'switchToJwt' },
  'OAU-250': { hint: `The server does not support this grant type for the app. Enable it ${APP_CONSOLE}, or sign in with JWT.`, action: 'switchToJwt' },
  'OAU-251': { hint: 'RingCentral ended password sign-in (March 2024). Create a JWT credential in the Developer Console (Profile → Credentials), enable "JWT auth flow" for the app, and sign in with JWT.', action: 'switchToJwt' },
  'OAU-168': { hint: 'Password sign-in is refused because this user must use multi-factor authentication. Sign in with a JWT credential or in the browser.', action: 'switchToJwt' },
  'OAU-123': { hint: `The client ID or client secret is wrong. Copy both again from the app's Credentials page ${APP_CONSOLE} and sign in again.`, action: 'reenterClientCredentials' },
  'OAU-146': { hint: `The client ID or client secret is wrong or missing. Copy both again from the app's Credentials page ${APP_CONSOLE}.`, action: 'reenterClientCredentials' },
  'OAU-153': { hint: `The client ID or client secret is wrong. Copy both again from the app's Credentials page ${APP_CONSOLE}.`, action: 'reenterClientCredentials' },
  'OAU-120': { hint: 'The credential belongs to another application. Check that the client ID, secret and JWT come from the same app and environment.', action: 'reenterClientCredentials' },
  'OAU-121': { hint: 'This app is not approved for this server. Use the server the app was created for (the ringcentral.server setting), or have the app graduated to production.', action: 'checkServer' },
  'OAU-127': { hint: 'This app is not approved for this environment. Check the ringcentral.server setting against the environment the app and JWT were created in.', action: 'checkServer' },
  'OAU-140': { hint: 'The username or password is wrong. Enter them again, or sign in with a JWT credential instead.', action: 'reenterPassword' },
  'OAU-128': { hint: 'The access token expired. The extension refreshes it automatically; if this persists, sign in again.', action: 'signIn' },
  'OAU-129': { hint: 'The access token was replaced by a newer one. The extension refreshes it automatically; if this persists, sign in again.', action: 'signIn' },
  'OAU-149': { hint: 'The access token is not valid. Sign in again.', action: 'signIn' },
  'OAU-213': { hint: 'The access token is no longer known to the server (it was rotated, revoked or evicted by a newer sign-in). Sign in again.', action: 'signIn' },
  'OAU-210': { hint: 'The session ended: the refresh token expired after a period without use. Sign in again.', action: 'signIn' },
  'OAU-211': { hint: 'The session was ended (signed out elsewhere, revoked, or replaced by a newer sign-in). Sign in again.', action: 'signIn' },
  'OAU-147': { hint: 'The account is locked after too many failed sign-ins. Wait, or ask your RingCentral administrator to unlock it.' },
  'OAU-148': { hint: 'The account is locked after too many failed sign-ins. Wait, or ask your RingCentral administrator to unlock it.' },
  'OAU-141': { hint: 'This user is not allowed to sign in. Ask your RingCentral administrator to enable the user.' },
  'OAU-142': { hint: 'The extension (user) was not found. Check the username and extension.' },
  'OAU-136': { hint: 'Access to this account is restricted. Ask your RingCentral administrator.' },
  'OAU-167': { hint: 'Access is restricted for this user or app. Ask your RingCentral administrator.' },
  'CMN-301': { hint: 'RingCentral rate limit reached. The extension waits for the penalty to end before sending more requests.', action: 'retryLater' },
  'CMN-302': { hint: 'RingCentral rate limit reached. The extension waits for the penalty to end before sending more requests.', action: 'retryLater' },
  'CMN-310': { hint: 'RingCentral rate limit reached. The extension waits for the penalty to end before sending more requests.', action: 'retryLater' },
  'CMN-401': { hint: `The app lacks a permission this request needs (for example ReadAccounts). Add it to the app's Application Scopes ${APP_CONSOLE}, then sign in again.`, action: 'openAppSettings' },
  'CMN-408': { hint: 'Your user lacks a permission this request needs (for example ReadCompanyPhoneNumbers). Ask a RingCentral administrator to grant it, or sign in as an admin.' },
  'CMN-201': { hint: 'RingCentral is temporarily unavailable. Try again in a minute.', action: 'retryLater' },
};

/** OAuth `error` values that stand without an OAU code in some responses. */
const byOAuthError: Record<string, ErrorAdvice> = {
  invalid_client: byCode['OAU-123']!,
  unauthorized_client: { hint: `This app is not allowed to use this sign-in method. Enable the grant type ${APP_CONSOLE}, or sign in with JWT.`, action: 'switchToJwt' },
  unsupported_grant_type: byCode['OAU-250']!,
  invalid_grant: { hint: 'The credential, sign-in code or session was refused or has expired. Sign in again; if you use JWT, check that it belongs to this app and server.', action: 'signIn' },
  access_denied: { hint: 'Sign-in was cancelled or denied in the browser. Try again and approve access.' },
};

const byStatus: Record<number, ErrorAdvice> = {
  400: { hint: 'RingCentral rejected the request as invalid. Check the path and parameters; details are in the log (RingCentral: Show Logs).' },
  401: { hint: 'RingCentral did not accept the session. Sign in again.', action: 'signIn' },
  403: { hint: 'RingCentral refused access. The app or user lacks a permission; details are in the log (RingCentral: Show Logs).' },
  404: { hint: 'RingCentral has no such resource. Check the path.' },
  429: byCode['CMN-301']!,
  500: { hint: 'RingCentral had an internal error. Try again in a minute.', action: 'retryLater' },
  502: { hint: 'A gateway between you and RingCentral failed. Try again in a minute; check proxy settings if it persists.', action: 'retryLater' },
  503: byCode['CMN-201']!,
  504: { hint: 'RingCentral did not answer in time (gateway timeout). Try again in a minute.', action: 'retryLater' },
};

/**
 * Advice for a code, most specific first: the code itself, then the OAuth `error` field of the same body (an OAU code
 * the table does not list, such as OAU-106 or OAU-108 for a refused or expired sign-in code, still says
 * `invalid_grant`: sign in again, not the status's "lacks a permission"), then the status.
 */
export function adviceFor(code: string | undefined, status: number | undefined, oauthError?: string): ErrorAdvice {
  for (const c of [code, oauthError]) {
    if (c === undefined) continue;
    // Own keys only: a server code such as "constructor" must not find Object.prototype's.
    const known = Object.hasOwn(byCode, c) ? byCode[c] : Object.hasOwn(byOAuthError, c) ? byOAuthError[c] : undefined;
    if (known) return known;
  }
  if (status !== undefined) {
    const known = (Object.hasOwn(byStatus, status) ? byStatus[status] : undefined) ?? (status >= 500 ? byStatus[500] : undefined);
    if (known) return known;
  }
  return { hint: 'RingCentral returned an unexpected error. Details are in the log (RingCentral: Show Logs); try again, and sign in again if it persists.' };
}

/**
 * A JWT credential the platform refused at sign-in (invalid_grant, whatever the OAU code: wrong, expired, revoked,
 * made for another app). The fix is a new JWT, whoever signs in: the extension and the PowerShell scripts it writes.
 */
export const JWT_REFUSED_HINT = 'Create a new JWT in the RingCentral Developer Console (profile menu → Credentials → Create JWT) for this app and this server.';

/** Codes whose body names a permission (`permissionName`): the hint can say which one. */
const PERMISSION_ADVICE: Record<string, (permission: string) => ErrorAdvice> = {
  'CMN-401': (p) => ({ hint: `The app lacks the ${p} permission this request needs. Add ${p} to the app's Application Scopes ${APP_CONSOLE}, then sign in again.`, action: 'openAppSettings' }),
  'CMN-408': (p) => ({ hint: `Your user lacks the ${p} permission this request needs. Ask a RingCentral administrator to grant it (a role that includes ${p}), or sign in as an admin.` }),
  'CMN-419': (p) => ({ hint: `The request needs the ${p} permission for another user's data. Ask a RingCentral administrator for a role that grants ${p} with company-wide scope, or sign in as that user.` }),
};

/**
 * Advice that names the permission a body names. Only a plain identifier is used (ReadCompanyPhoneNumbers): the
 * name is server text that ends up in a notification.
 */
export function permissionAdvice(code: string | undefined, permission: string | undefined): ErrorAdvice | undefined {
  if (code === undefined || permission === undefined || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(permission)) return undefined;
  return Object.hasOwn(PERMISSION_ADVICE, code) ? PERMISSION_ADVICE[code]?.(permission) : undefined;
}

/** The codes API.md documents; a test checks each has specific advice. */
export const documentedCodes: readonly string[] = Object.keys(byCode);

/**
 * Every piece of advice above, for generated PowerShell scripts (src/core/scripts), which must give the hints the
 * extension gives: a script built from this cannot drift from the tables. `fallback` is what `adviceFor` says when
 * nothing matches; `permission` takes the permission name a body names.
 */
export function adviceTables(): {
  byCode: Readonly<Record<string, ErrorAdvice>>;
  byOAuthError: Readonly<Record<string, ErrorAdvice>>;
  byStatus: Readonly<Record<number, ErrorAdvice>>;
  fallback: ErrorAdvice;
  permission: Readonly<Record<string, (permission: string) => ErrorAdvice>>;
  jwtRefused: string;
} {
  return { byCode, byOAuthError, byStatus, fallback: adviceFor(undefined, undefined), permission: PERMISSION_ADVICE, jwtRefused: JWT_REFUSED_HINT };
}
