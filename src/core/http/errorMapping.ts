import { RingCentralError } from '../errors';
import type { RateGroup } from '../rateLimit/groups';
import type { ResponseLimits } from '../rateLimit/rateGate';
import { readErrorBody } from '../schemas/errorBody';
import { describeUnusableBody, type ParsedBody } from './readBody';

interface ResponseContext {
  method: string;
  path: string;
  limits: ResponseLimits;
  group: RateGroup;
}

/** An error status becomes a typed error whose code is the most specific one the body offers. */
export function errorFromResponse(status: number, body: ParsedBody, ctx: ResponseContext): RingCentralError {
  const details = body.kind === 'json' ? readErrorBody(body.value) : {};
  const code = details.code;
  const serverMessage = details.message;
  const what = serverMessage
    ? `${serverMessage}${code ? ` (${code})` : ''}`
    : `HTTP ${status} with ${describeUnusableBody(body)}${code ? ` (${code})` : ''}`;
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
  if (ctx.cancelled) {
    return new RingCentralError({ ...base, kind: 'cancelled', message: `${ctx.method} ${stripQuery(ctx.path)} was cancelled.`, hint: 'Cancelled; nothing was changed.' });
  }
  if (ctx.timedOut) {
    return new RingCentralError({
      ...base,
      kind: 'timeout',
      message: `${host} did not answer ${ctx.method} ${stripQuery(ctx.path)} in time.`,
      hint: 'RingCentral or the network is slow. Try again; raise ringcentral.requestTimeout if it keeps happening, and check http.proxy if you are behind a proxy.',
    });
  }
  const code = networkCode(e);
  const why = code ? (NETWORK_REASONS[code] ?? code) : undefined;
  return new RingCentralError({
    ...base,
    kind: 'network',
    message: `Could not reach ${host}${why ? ` (${why})` : ''} for ${ctx.method} ${stripQuery(ctx.path)}.`,
    hint: 'Check the network connection, the ringcentral.server setting and, behind a proxy, the http.proxy setting. Nothing was lost (a stored session stays); try again when the connection is back.',
  });
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
