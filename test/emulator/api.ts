/**
 * The contract between tests/benchmarks and the RingCentral platform emulator.
 * `startEmulator(options)` (in ./server.ts) returns an `Emulator`.
 */
export type RateGroup = 'Light' | 'Medium' | 'Heavy' | 'Auth';

export interface GroupLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  /** How long the group is locked after the limit is exceeded; any request during it restarts it. */
  penaltyMs: number;
}

export interface EmulatorOptions {
  /** How many company phone numbers to generate (default 120). Deterministic for a given seed. */
  phoneNumbers?: number;
  /** How many extensions to generate (default 30). */
  extensions?: number;
  seed?: number;
  /** Omit paging.totalPages/totalElements and navigation.lastPage, as some real responses do. */
  omitTotals?: boolean;
  /** Allow the password grant (refused with unauthorized_client OAU-251 by default, as on the real platform). */
  passwordGrant?: boolean;
  /** Rate limits per group; defaults are the platform's (Light 50/60s, Medium 40/60s, Heavy 10/60s, Auth 5/60s, 60 s penalty). */
  limits?: Partial<Record<RateGroup, GroupLimit>>;
  /**
   * Turn rate limiting off entirely (benchmarks of raw overhead). X-Rate-Limit-* headers are still
   * sent, advertising a quota of 1,000,000 per window so clients that pace themselves by the
   * advertised limit do not slow down either.
   */
  unlimited?: boolean;
  /** Grace period during which a spent refresh token still returns the same new pair (default 10 s). */
  refreshGraceMs?: number;
  /** Max parallel sessions per user per app (default 5); the oldest is evicted. */
  maxSessions?: number;
  /** Whether the signed-in user is an admin (non-admins see only DirectNumber records). Default true. */
  admin?: boolean;
  /** TCP port on 127.0.0.1 (default 0: a random free port). */
  port?: number;
  /**
   * Fixed credentials instead of random ones (the CLI uses fixed demo values so they can be reused).
   * Anything not given is generated at random, except the JWT: when clientId and clientSecret are
   * given it is derived from them and the seeded user, so it is reproducible too.
   */
  credentials?: Partial<EmulatorCredentials>;
}

/** Credentials of the emulated apps and user. */
export interface EmulatorCredentials {
  clientId: string;
  clientSecret: string;
  publicClientId: string;
  jwt: string;
  password: string;
}

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

export interface RecordedRequest {
  /** Emulator clock time when the request arrived. */
  at: number;
  method: string;
  /** Path without the query string, e.g. /restapi/v1.0/account/~/phone-number */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** Raw request body (form or JSON) as text. */
  body: string;
  /** Status the emulator answered with (0 if the connection was reset or left hanging). */
  status: number;
  /** True when the request was processed but its answer was dropped (`resetAfter`); `status` is what it would have been. */
  dropped?: boolean;
  /** The fault that hit this request, queued or random. */
  fault?: FaultKind;
  group: RateGroup | undefined;
  /** For token requests: the grant_type sent. */
  grantType?: string;
}

export type FaultKind =
  | 'delay' // answer normally after `ms`
  | 'reset' // destroy the socket without answering
  | 'hang' // accept and never answer (until the emulator closes)
  | 'status' // answer `status` (default 503) with a RingCentral error body
  | 'malformed' // answer 200 with a body that is not JSON
  | 'truncated' // answer 200 with JSON cut in half
  | 'html' // answer `status` (default 502) with an HTML error page, text/html
  | 'empty' // answer `status` (default 200) with an empty body
  | 'resetAfter' // process the request normally (tokens rotate, limits count), then drop the connection instead of answering
  | 'slowAnswer'; // process the request normally at once, then hold the answer for `ms` (the platform acted; the client hears late)

/**
 * Faults are matched first, before rate limiting and authentication. A request hit by a fault
 * other than `delay` is answered by the fault alone: it is not counted by the rate limiter, does
 * not restart a penalty, carries no X-Rate-Limit-* headers (unless given in `headers`) and has no
 * effect on tokens or sessions, like a failure in a gateway in front of the platform. A `delay`
 * only postpones normal processing, which is then counted as usual.
 */
export interface Fault {
  kind: FaultKind;
  /**
   * Which requests it hits: a path prefix or regex on the path (default: any). `~` also matches
   * the numeric account id and the signed-in user's extension id (navigation URIs use the ids).
   */
  path?: string | RegExp;
  method?: string;
  /** How many matching requests it hits (default 1). */
  times?: number;
  ms?: number;
  status?: number;
  /** Sent as Retry-After (seconds) with the fault's answer. */
  retryAfter?: number;
  /** Extra response headers for the fault's answer. */
  headers?: Record<string, string>;
  /** For `status`: the JSON body to send instead of the default RingCentral error body. */
  body?: unknown;
}

/** Faults drawn at random (soak tests): each request is hit with probability `rate` by one of `faults`, matched as queued ones are. */
export interface RandomFaults {
  rate: number;
  faults: Omit<Fault, 'times'>[];
  /** For a reproducible sequence (default 1). */
  seed?: number;
}

export interface EmulatorClock {
  /** Emulator time in ms since epoch (real time plus the advanced offset). */
  now(): number;
  /** Move time forward: tokens expire, rate windows and penalties pass. */
  advance(ms: number): void;
}

export interface Emulator {
  /** Base URL, e.g. http://127.0.0.1:54321 (server setting value). */
  readonly url: string;
  readonly app: AppCredentials;
  /** A second registered app whose client id is public (PKCE, no secret). */
  readonly publicApp: { clientId: string };
  /** A valid JWT credential for the default user, bound to `app`. */
  readonly jwt: string;
  /** Username/password/extension of the default user (for the legacy password grant). */
  readonly user: { username: string; password: string; extension: string; extensionId: string };
  /** Redirect URIs registered for both apps (loopback http://127.0.0.1/... any port, and vscode://...). */
  readonly clock: EmulatorClock;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The generated data, exactly as served (for assertions). */
  readonly data: {
    account: Record<string, unknown>;
    me: Record<string, unknown>;
    extensions: Record<string, unknown>[];
    phoneNumbers: Record<string, unknown>[];
  };
  /** Queue a fault; faults are matched in order. */
  inject(fault: Fault): void;
  /** Hit requests at random from now on (undefined: stop). Queued faults are matched first. */
  setRandomFaults(spec: RandomFaults | undefined): void;
  clearFaults(): void;
  setLimit(group: RateGroup, limit: GroupLimit): void;
  setPasswordGrant(allowed: boolean): void;
  /** Replace the phone-number inventory (e.g. regenerate with another count). */
  setPhoneNumberCount(n: number): void;
  /**
   * Requests matching a path prefix (and method, if given). A `~` in the prefix also matches the
   * numeric account id / the signed-in user's extension id, as followed from navigation URIs.
   */
  requestsTo(pathPrefix: string, method?: string): RecordedRequest[];
  /** Count of live sessions (not revoked, refresh token not expired). */
  liveSessions(): number;
  close(): Promise<void>;
  /** Drop or restore paging.totalPages/totalElements and navigation.lastPage in lists. */
  setOmitTotals(omit: boolean): void;
  /** Make the signed-in user an admin or not (affects extension info and the phone-number list). */
  setAdmin(admin: boolean): void;
  /** Turn rate limiting off or on (headers are sent either way; see `unlimited`). */
  setUnlimited(unlimited: boolean): void;
  /** What the authorize endpoint does: approve (default) or redirect back with error=access_denied. */
  setAuthorizeOutcome(outcome: 'approve' | 'deny'): void;
  /** End every session (as if the user signed out everywhere / an admin revoked the app). */
  revokeAllSessions(): void;
  /** Empty the request log. */
  clearRequests(): void;
}
