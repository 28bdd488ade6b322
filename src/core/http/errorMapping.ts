import { adviceFor, permissionAdvice } from '../errorHints';
import { RingCentralError } from '../errors';
import type { RateGroup } from '../rateLimit/groups';
import type { ResponseLimits } from '../rateLimit/rateGate';
import { readErrorBody } from '../schemas/errorBody';
import { inertText } from '../serverText';
import { describeUnusableBody, type ParsedBody } from './readBody';
import { BodyTooLargeError } from './transport';

interface ResponseContext {
  method: string;
  path: string;
  limits: ResponseLimits;
  group: RateGroup;
}

/** An error status becomes a typed error whose code is the most specific one the body offers. */
export function errorFromResponse(status: number, body: ParsedBody, ctx: ResponseContext): RingCentralError {
  const details = body.kind === 'json' ? readErrorBody(body.value) : {};
  // Code and message are server text bound for a notification: short, one line, no live links.
  const code = details.code === undefined ? undefined : inertText(details.code, 60);
  const serverMessage = details.message === undefined ? undefined : inertText(details.message);
  const what = serverMessage
    ? `${serverMessage}${code ? ` (${code})` : ''}`
    : `HTTP ${status} with ${describeUnusableBody(body)}${code ? ` (${code})` : ''}`;
  const advice = permissionAdvice(code, details.permission) ?? adviceFor(code, status, details.oauthError);
  const rateLimit = {
    group: ctx.group,
    ...(ctx.limits.limit !== undefined ? { limit: ctx.limits.limit } : {}),
    ...(ctx.limits.remaining !== undefined ? { remaining: ctx.limits.remaining } : {}),
    ...(ctx.limits.windowSeconds !== undefined ? { windowSeconds: ctx.limits.windowSeconds } : {}),
  };
  return new RingCentralError({
    kind: 'http',
    status,
    ...(code !== undefined ? { code } : {}),
    message: `RingCentral refused ${ctx.method} ${stripQuery(ctx.path)}: ${what}.`,
    hint: advice.hint,
    ...(advice.action !== undefined ? { action: advice.action } : {}),
    ...(ctx.limits.retryAfterSeconds !== undefined ? { retryAfter: ctx.limits.retryAfterSeconds } : {}),
    rateLimit,
    method: ctx.method,
    path: ctx.path,
  });
}

interface ThrownContext {
  method: string;
  path: string;
  server: string;
  timedOut: boolean;
  cancelled: boolean;
}

/** Transport failures: say which host could not be reached and why, never a bare "fetch failed". */
export function errorFromThrown(e: unknown, ctx: ThrownContext): RingCentralError {
  const host = new URL(ctx.server).host;
  const base = { method: ctx.method, path: ctx.path, cause: e };
  const what = `${ctx.method} ${stripQuery(ctx.path)}`;
  if (ctx.cancelled) {
    return new RingCentralError({ ...base, kind: 'cancelled', message: `${what} was cancelled.`, hint: 'Cancelled; nothing was changed.' });
  }
  if (e instanceof BodyTooLargeError) {
    return new RingCentralError({
      ...base,
      kind: 'malformed',
      message: `The answer to ${what} was larger than ${Math.round(e.limitBytes / (1024 * 1024))} MiB; the extension stopped reading it.`,
      hint: 'RingCentral pages are far smaller, so this came from something else on the way (a proxy or gateway) or from a request for too much at once. Ask for fewer records (a smaller perPage), and check the ringcentral.server and http.proxy settings.',
    });
  }
  if (ctx.timedOut) {
    return new RingCentralError({
      ...base,
      kind: 'timeout',
      message: `${host} did not answer ${what} in time.`,
      hint: `RingCentral or the network is slow. ${afterLostAnswer(ctx)} Raise ringcentral.requestTimeout if it keeps happening, and check http.proxy if you are behind a proxy.`,
    });
  }
  const code = networkCode(e);
  const why = code ? (NETWORK_REASONS[code] ?? code) : undefined;
  const neverSent = code !== undefined && NEVER_SENT.has(code);
  return new RingCentralError({
    ...base,
    kind: 'network',
    message: `Could not reach ${host}${why ? ` (${why})` : ''} for ${what}.`,
    hint: `Check the network connection, the ringcentral.server setting and, behind a proxy, the http.proxy setting. ${neverSent ? 'The request never reached RingCentral, so nothing was changed; a stored session stays. Try again when the connection is back.' : afterLostAnswer(ctx)}`,
  });
}

/**
 * What a request whose answer was lost may have done. A GET changes nothing. A token request may have been carried
 * out before the connection dropped: a sign-in may have started a session, and a refresh may have spent the refresh
 * token and issued a new pair that never arrived (RingCentral repeats that pair for about 10 s, API.md).
 */
function afterLostAnswer(ctx: ThrownContext): string {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return 'Nothing was changed (a stored session stays); try again.';
  const path = stripQuery(ctx.path);
  if (path === '/restapi/oauth/token') {
    return 'The answer was lost after the token request was sent, so RingCentral may already have signed you in or renewed the session. Try again: a new sign-in is safe, and a lost renewal is tried again with the same refresh token while RingCentral still honours it; if that no longer works, sign in again.';
  }
  if (path === '/restapi/oauth/revoke') return 'RingCentral may or may not have ended the session; the local session is gone either way.';
  return 'RingCentral may have carried out the request before the answer was lost: check before sending it again.';
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection dropped',
  UND_ERR_SOCKET: 'connection dropped',
  EPIPE: 'connection dropped',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'certificate expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate not trusted (a proxy that inspects TLS?)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate not trusted',
};

/** Failures before a connection carried the request (no connection, no name, no trusted TLS): the server saw nothing. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

function networkCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const c = cur as { code?: unknown; cause?: unknown; message?: unknown };
    if (typeof c.code === 'string') return c.code;
    if (c.message === 'terminated') return 'connection closed mid-answer';
    cur = c.cause;
  }
  return undefined;
}

function stripQuery(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}
