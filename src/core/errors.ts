import { adviceFor, type FixAction } from './errorHints';

/** Why a request failed, as far as the client can tell. */
export type ErrorKind =
  | 'http' // the server answered with an error status
  | 'network' // connection refused, reset, DNS, TLS
  | 'timeout' // no answer within the configured time
  | 'cancelled' // the caller aborted
  | 'malformed' // the server answered 2xx with a body we cannot use
  | 'rateLimited' // a penalty is in force and the caller asked not to wait
  | 'signedOut' // no usable session: sign in again
  | 'config'; // a setting or input the user must fix

export interface RateLimitInfo {
  group?: string;
  limit?: number;
  remaining?: number;
  windowSeconds?: number;
}

export interface RingCentralErrorInit {
  kind: ErrorKind;
  message: string;
  status?: number;
  code?: string;
  hint?: string;
  action?: FixAction;
  retryAfter?: number;
  rateLimit?: RateLimitInfo;
  method?: string;
  path?: string;
  cause?: unknown;
}

/**
 * Every failure the core reports. `message` says what happened, `hint` what the user should do;
 * neither ever holds a token, secret or credential (the client builds them from codes and paths only).
 */
export class RingCentralError extends Error {
  readonly kind: ErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly hint: string;
  readonly action: FixAction | undefined;
  /** Seconds to wait before trying again, from Retry-After or the rate gate. */
  readonly retryAfter: number | undefined;
  readonly rateLimit: RateLimitInfo | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(init: RingCentralErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'RingCentralError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    const advice = adviceFor(init.code, init.status);
    this.hint = init.hint ?? advice.hint;
    this.action = init.action ?? (init.hint === undefined ? advice.action : undefined);
    this.retryAfter = init.retryAfter;
    this.rateLimit = init.rateLimit;
    this.method = init.method;
    this.path = init.path;
  }

  /** Worth trying again later without user action (the session must be kept). */
  get transient(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      this.kind === 'rateLimited' ||
      (this.kind === 'http' && this.status !== undefined && (this.status === 429 || this.status >= 500))
    );
  }
}
