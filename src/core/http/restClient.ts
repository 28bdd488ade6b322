import { getEventListeners } from 'node:events';
import { sleep, systemClock, type Clock } from '../clock';
import { RingCentralError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import { groupForRequest, MIN_PENALTY_SECONDS, parseGroup, type RateGroup } from '../rateLimit/groups';
import { RateGates } from '../rateLimit/rateGate';
import { ServerClock } from '../serverClock';
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, type RetryPolicy } from './backoff';
import { errorFromResponse, errorFromThrown } from './errorMapping';
import { responseLimits } from './headers';
import { parseBody, describeUnusableBody } from './readBody';
import type { Transport, TransportResponse } from './transport';

export type RequestAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; clientId: string; clientSecret: string }
  | { kind: 'none' };

export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path on the server, e.g. `/restapi/v1.0/account/~`; may carry its own query string. */
  path: string;
  /** Arrays repeat the key, as RingCentral's multi-valued filters expect. */
  query?: Record<string, QueryValue>;
  form?: Record<string, string | undefined>;
  auth: RequestAuth;
  signal?: AbortSignal;
  /** Wait while the group is limited (default), or fail at once with a rateLimited error saying when to retry. */
  waitForRateLimit?: boolean;
  /** Idempotent requests retry on 429, 502-504 and dropped connections; defaults to GET only. */
  retry?: boolean;
  timeoutMs?: number;
}

export interface ApiResponse {
  status: number;
  body: unknown;
  headers: TransportResponse['headers'];
  group: RateGroup;
}

export interface RestClientOptions {
  /** Server base URL, e.g. https://platform.ringcentral.com */
  server: string;
  /** `undiciTransport()` in Node; inside VS Code, `fetchTransport(globalThis.fetch)`. */
  transport: Transport;
  clock?: Clock;
  logger?: Logger;
  timeoutMs?: number;
  retry?: RetryPolicy;
  gates?: RateGates;
  userAgent?: string;
}

/** The one HTTP client every RingCentral call goes through: rate gates, timeouts, retries, typed errors, logging. */
export class RestClient {
  readonly server: string;
  readonly gates: RateGates;
  /** The platform's time, learnt from answers' Date headers; token expiries are judged by it. */
  readonly serverClock: ServerClock;
  private readonly origin: string;
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly userAgent: string;
  /** URLs of paths without a query, built once; see `url`. */
  private readonly plainUrls = new Map<string, string>();
  /** Controllers whose request ended without aborting them; see `abortController`. */
  private readonly spareAborts: AbortController[] = [];

  constructor(options: RestClientOptions) {
    this.server = options.server.replace(/\/+$/, '');
    this.origin = new URL(this.server).origin;
    this.transport = options.transport;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retryPolicy = options.retry ?? DEFAULT_RETRY;
    this.gates = options.gates ?? new RateGates(this.clock);
    this.serverClock = new ServerClock(this.clock);
    this.userAgent = options.userAgent ?? 'RingCentralExplorer/0.1';
  }

  /** Absolute URL for a path (and query) on this server. */
  url(path: string, query?: Record<string, QueryValue>): string {
    // Paths without a query (account, extension, token) come back on every call: normalized once, then looked up.
    const known = query === undefined ? this.plainUrls.get(path) : undefined;
    if (known !== undefined) return known;
    const url = new URL(this.server + (path.startsWith('/') ? path : `/${path}`));
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      const values = Array.isArray(value) ? (value as readonly (string | number)[]) : [value as string | number | boolean];
      for (const v of values) url.searchParams.append(key, String(v));
    }
    const built = url.toString();
    if (query === undefined) {
      if (this.plainUrls.size >= 64) this.plainUrls.clear();
      this.plainUrls.set(path, built);
    }
    return built;
  }

  async request(req: ApiRequest): Promise<ApiResponse> {
    const retry = req.retry ?? req.method === 'GET';
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.send(req);
      } catch (e) {
        if (!(e instanceof RingCentralError) || !retry || attempt >= this.retryPolicy.maxRetries) throw e;
        if (!(e.kind === 'network' || (e.kind === 'http' && e.status !== undefined && isRetryableStatus(e.status)))) throw e;
        // A 429 already set the gate's penalty; the next send waits for it. Others back off.
        if (req.waitForRateLimit === false && e.status === 429) throw e;
        const delay = e.status === 429 ? 0 : backoffDelay(attempt, this.retryPolicy);
        this.logger.warn(`${req.method} ${pathOf(req.path)} failed (${e.status ?? e.kind}); retry ${attempt + 1} of ${this.retryPolicy.maxRetries}${delay ? ` in ${delay} ms` : ' after the rate-limit penalty'}`);
        try {
          await sleep(delay, req.signal);
        } catch (cause) {
          if (req.signal?.aborted) throw new RingCentralError({ kind: 'cancelled', method: req.method, path: pathOf(req.path), message: `${req.method} ${pathOf(req.path)} was cancelled.`, hint: 'Cancelled; nothing was changed.', cause });
          throw cause;
        }
      }
    }
  }

  private async send(req: ApiRequest): Promise<ApiResponse> {
    const expectedGroup = groupForRequest(req.method, pathOf(req.path));
    const gate = this.gates.get(expectedGroup);
    const slot = await gate.acquire({ wait: req.waitForRateLimit !== false, ...(req.signal ? { signal: req.signal } : {}) });
    const url = this.url(req.path, req.query);
    const shownPath = url.slice(this.origin.length);
    // One signal per request, aborted by the timeout or by the caller's signal; both are let go once the answer
    // is read. (AbortSignal.timeout + AbortSignal.any cost a new signal, a weak reference, a finalizer entry and a
    // timer that lives for the whole timeout on every call.)
    const abort = this.abortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, req.timeoutMs ?? this.timeoutMs);
    timer.unref();
    const caller = req.signal;
    const onCallerAbort = (): void => abort.abort(caller?.reason);
    if (caller?.aborted) abort.abort(caller.reason);
    else caller?.addEventListener('abort', onCallerAbort, { once: true });
    const started = this.clock.now();
    let res: TransportResponse;
    let text: string;
    try {
      res = await this.transport({ method: req.method, url, headers: this.headers(req), signal: abort.signal, ...formBody(req.form) });
      text = await res.text();
    } catch (e) {
      await gate.settle(slot, { status: 0 });
      const err = errorFromThrown(e, { method: req.method, path: shownPath, server: this.server, timedOut, cancelled: caller?.aborted === true });
      this.logger.warn(`${req.method} ${shownPath} → ${err.kind} after ${this.clock.now() - started} ms`);
      throw err;
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCallerAbort);
      this.retire(abort);
    }
    const now = this.clock.now();
    this.serverClock.observe(res.headers.get('date'), started, now);
    const limits = responseLimits(res, now);
    const named = parseGroup(res.headers.get('x-rate-limit-group'));
    const group = named ?? expectedGroup;
    if (res.status === 429 && named === undefined) {
      // An account- or IP-level limit names no group: every group waits, or the next one would restart it.
      // (The penalty empties every window, this request's place included.)
      await this.gates.penalizeAll(now + (limits.retryAfterSeconds ?? MIN_PENALTY_SECONDS) * 1000);
    } else {
      // The server may count the request in another group than we guessed; both gates learn from it.
      await gate.settle(slot, limits);
      if (group !== expectedGroup) await this.gates.get(group).observe(limits);
    }
    if (this.logger !== silentLogger) {
      this.logger.info(
        `${req.method} ${shownPath} → ${res.status} in ${now - started} ms [${group}${limits.remaining !== undefined ? ` ${limits.remaining}/${limits.limit ?? '?'} left` : ''}]`,
      );
    }
    const body = parseBody(text, res.headers.get('content-type'));
    if (res.status >= 400) {
      throw errorFromResponse(res.status, body, { method: req.method, path: shownPath, limits, group });
    }
    // Only commands (revoke) answer with nothing; a GET without a body lost it on the way.
    if (body.kind === 'json' || (body.kind === 'empty' && req.method !== 'GET')) {
      return { status: res.status, body: body.kind === 'json' ? body.value : undefined, headers: res.headers, group };
    }
    throw new RingCentralError({
      kind: 'malformed',
      status: res.status,
      method: req.method,
      path: shownPath,
      message: `RingCentral answered ${req.method} ${pathOf(shownPath)} with ${describeUnusableBody(body)}.`,
      hint: 'The answer was damaged on the way (a proxy, gateway or dropped connection). Try again; if it persists, check your proxy settings (http.proxy).',
    });
  }

  /**
   * A controller whose signal is not aborted and has no listener left. Making an AbortSignal costs Node 20 several
   * microseconds (it changes a new EventTarget's prototype) and garbage to collect, so the signal of a request that
   * ended without aborting serves again once the transport has let go of it (undici removes its listener a tick
   * after the body was read). Only this client ever aborts these controllers.
   */
  private abortController(): AbortController {
    const spare = this.spareAborts;
    for (let i = spare.length - 1; i >= 0; i--) {
      const controller = spare[i]!;
      if (getEventListeners(controller.signal, 'abort').length === 0) {
        spare.splice(i, 1);
        return controller;
      }
    }
    return new AbortController();
  }

  private retire(controller: AbortController): void {
    if (controller.signal.aborted) return;
    // A transport that keeps listening (fetch lets go when its Request is collected) leaves these busy; keep a few.
    if (this.spareAborts.length >= 4) this.spareAborts.shift();
    this.spareAborts.push(controller);
  }

  private headers(req: ApiRequest): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': this.userAgent };
    if (req.auth.kind === 'bearer') headers.Authorization = `Bearer ${req.auth.token}`;
    if (req.auth.kind === 'basic') {
      headers.Authorization = `Basic ${Buffer.from(`${req.auth.clientId}:${req.auth.clientSecret}`).toString('base64')}`;
    }
    if (req.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return headers;
  }
}

function formBody(form: Record<string, string | undefined> | undefined): { body?: string } {
  if (!form) return {};
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v !== undefined) params.append(k, v);
  return { body: params.toString() };
}

function pathOf(pathWithQuery: string): string {
  const q = pathWithQuery.indexOf('?');
  return q < 0 ? pathWithQuery : pathWithQuery.slice(0, q);
}
