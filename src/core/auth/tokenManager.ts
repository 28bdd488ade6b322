import { sleep, type Clock } from '../clock';
import { RingCentralError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type { RestClient } from '../http/restClient';
import type { TokenInfo } from '../schemas/token';
import { flowOf, type AppCredentials, type Grant, type TokenTtl } from './credentials';
import { lostAnswer, refreshWithRetry } from './refreshRetry';
import { sessionFromToken, type Session, type StoredRecord } from './session';
import { ProcessCoordinator, type SessionCoordinator } from './sessionCoordinator';
import type { SessionStore } from './sessionStore';
import { TokenEndpoint } from './tokenEndpoint';

export interface TokenManagerOptions {
  client: RestClient;
  store: SessionStore;
  /** The app's client id and secret, read when needed (they live in SecretStorage, not here). */
  app: () => Promise<AppCredentials>;
  logger?: Logger;
  /** Refresh this long before the access token expires (default 2 minutes). */
  refreshMarginMs?: number;
  ttl?: TokenTtl;
  /** Keeps the windows that share this session from spending one refresh token twice (default: this process only). */
  coordinator?: SessionCoordinator;
  /** Signing in again without asking when the refresh token lapsed (a stored JWT credential). */
  silent?: SilentSignIn;
  /** How long to wait for another window's write to reach this window's copy of the store (default 2 s; VS Code flushes in 0.1 s). */
  storeSettleMs?: number;
  storePollMs?: number;
  /** Tries after a refresh whose answer was lost, and the pause between them (defaults 2 and 300 ms). */
  lostAnswerRetries?: number;
  lostAnswerDelayMs?: number;
  /** Who the new token belongs to, for display ("Name (ext. 101)"); asked once per sign-in. */
  describeOwner?: (accessToken: string) => Promise<string | undefined>;
}

export interface SilentSignIn {
  /** The grant to sign in with, or undefined when only the user can sign in. */
  grant(session: Session): Promise<Grant | undefined>;
  /** The server refused that grant: forget what it refused, and say what the user must do. */
  refused(e: RingCentralError, session: Session): Promise<RingCentralError>;
}

export type SessionChangeReason = 'signedIn' | 'refreshed' | 'adopted' | 'signedOut' | 'ended';

export interface SessionChange {
  session: Session | undefined;
  reason: SessionChangeReason;
  /** Why a session ended without the user signing out. */
  error?: RingCentralError;
}

export interface SignOutResult {
  hadSession: boolean;
  /** The server confirmed the revoke. */
  revoked: boolean;
}

const REFRESH_TOKEN_MARGIN_MS = 30_000;

/**
 * Owns the token lifecycle: sign-in, proactive refresh (one in flight, shared by every caller, run on no caller's
 * signal, and exclusive across the windows that share the session), rotation stored before the new token is used,
 * silent sign-in when the refresh token lapsed, and sign-out that no late renewal can undo. Network trouble never
 * ends the session; only the server saying the grant is gone does.
 */
export class TokenManager {
  private readonly endpoint: TokenEndpoint;
  private readonly logger: Logger;
  private readonly coordinator: SessionCoordinator;
  private readonly listeners = new Set<(change: SessionChange) => void>();
  private cached: Session | undefined;
  private loaded = false;
  private inflight: Promise<Session> | undefined;
  /** Bumped by sign-in and sign-out: a renewal that began before must not store what it got. */
  private epoch = 0;
  /** The generation whose refresh answer was lost: its refusal later means "lost", not "revoked". */
  private lostGeneration: number | undefined;
  /** A generation the ledger named that never reached this window's store (wiped keychain?): not waited for again. */
  private neverArrived = 0;

  constructor(private readonly o: TokenManagerOptions) {
    this.endpoint = new TokenEndpoint(o.client);
    this.logger = o.logger ?? silentLogger;
    this.coordinator = o.coordinator ?? new ProcessCoordinator();
  }

  get server(): string {
    return this.o.client.server;
  }

  /** Platform time: expiries are judged by the server's clock, whatever this machine's says. */
  private get clock(): Clock {
    return this.o.client.serverClock;
  }

  onDidChange(listener: (change: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The stored session, without touching the network. */
  async session(): Promise<Session | undefined> {
    if (!this.loaded) await this.reload();
    return this.cached;
  }

  /** Re-reads the store: another window may have signed in, rotated or signed out. */
  async reload(): Promise<Session | undefined> {
    this.accept(usable(await this.o.store.read(), this.server));
    return this.cached;
  }

  async signIn(grant: Grant, signal?: AbortSignal): Promise<Session> {
    const app = await this.o.app();
    const epoch = ++this.epoch;
    const token = await this.endpoint.grant(app, grant, this.o.ttl, signal);
    const ownerLabel = await this.o.describeOwner?.(token.access_token);
    return this.coordinator.exclusive(async () => {
      const previous = usable(await this.o.store.read(), this.server);
      const ledger = await this.coordinator.ledger();
      const generation = Math.max(previous?.generation ?? 0, ledger.generation, ledger.signedOutGeneration) + 1;
      const session = sessionFromToken(token, { server: this.server, clientId: app.clientId, flow: flowOf(grant), generation }, this.clock.now());
      if (ownerLabel) session.ownerLabel = ownerLabel;
      if (epoch !== this.epoch) {
        await this.revokeQuietly(app, session);
        throw cancelled('Sign-in was replaced by a later sign-in or sign-out.');
      }
      await this.o.store.write({ session });
      await this.coordinator.note({ generation });
      this.cached = session;
      this.loaded = true;
      this.logger.info(`Signed in (${grant.type}); access token valid until ${new Date(session.accessTokenExpiresAt).toISOString()}`);
      this.emit({ session, reason: 'signedIn' });
      // The old session would otherwise live on and count against the platform's five sessions per user and app.
      if (previous && previous.clientId === app.clientId) await this.revokeQuietly(app, previous);
      return session;
    });
  }

  /** A valid access token, renewed first when it is within the margin of expiry. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    // Signed in a moment ago in another window? Its write is still on the way to this window's copy of the store.
    const session = (await this.session()) ?? (await this.settled());
    if (!session) throw signedOut('You are not signed in to RingCentral.');
    if (this.isFresh(session)) return session.accessToken;
    return (await waitFor(this.renew(), signal)).accessToken;
  }

  /** Called after a 401 with `rejected`: use a newer token if one exists, otherwise renew. */
  async replaceRejected(rejected: string, signal?: AbortSignal): Promise<string> {
    const session = await this.reload();
    if (session && session.accessToken !== rejected && this.clock.now() < session.accessTokenExpiresAt) return session.accessToken;
    return (await waitFor(this.renew({ rejected }), signal)).accessToken;
  }

  /**
   * One renewal at a time per process, however many callers wait for it; a caller that gives up only stops
   * waiting. Without `force` a token that is still fresh (another window just renewed it) is used as it is.
   */
  renew(options: { rejected?: string; force?: boolean } = {}): Promise<Session> {
    this.inflight ??= this.rotate(options.rejected, options.force === true).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Ends the session here and on the server; nothing renewed later may bring it back. */
  async signOut(): Promise<SignOutResult> {
    this.epoch++;
    const session = usable(await this.o.store.read(), this.server) ?? this.cached;
    const ledger = await this.coordinator.ledger();
    const generation = Math.max(session?.generation ?? 0, ledger.generation);
    await this.coordinator.note({ generation, signedOutGeneration: generation });
    await this.o.store.write({ signedOut: { generation, at: this.clock.now() } });
    this.cached = undefined;
    this.loaded = true;
    this.emit({ session: undefined, reason: 'signedOut' });
    if (!session) return { hadSession: false, revoked: false };
    const app = await this.o.app().catch(() => undefined);
    const revoked = app ? await this.endpoint.revoke(app, session.refreshToken ?? session.accessToken) : false;
    this.logger.info(revoked ? 'Signed out; the session was revoked on the server.' : 'Signed out here; the server did not confirm the revoke.');
    return { hadSession: true, revoked };
  }

  private async rotate(rejected: string | undefined, force: boolean): Promise<Session> {
    const epoch = this.epoch;
    const asked = this.cached;
    // Wait out an Auth penalty before taking the lock, so no other window waits on us while we wait on the gate.
    await this.o.client.gates.get('Auth').ready();
    return this.coordinator.exclusive(async () => {
      const current = await this.settled();
      if (!current) return this.gone(epoch);
      if (epoch !== this.epoch && this.isFresh(current)) return current;
      const renewedMeanwhile = asked !== undefined && current.generation > asked.generation;
      if ((renewedMeanwhile || !force) && current.accessToken !== rejected && this.isFresh(current)) return this.adopt(current);
      if (!this.refreshUsable(current)) return this.signInAgain(current, epoch, sessionEnded(undefined, false));
      return this.refresh(current, epoch);
    });
  }

  private async refresh(current: Session, epoch: number): Promise<Session> {
    const app = await this.o.app();
    let token: TokenInfo;
    try {
      token = await refreshWithRetry(this.endpoint, app, current.refreshToken!, {
        ttl: this.o.ttl,
        retries: this.o.lostAnswerRetries ?? 2,
        delayMs: this.o.lostAnswerDelayMs ?? 300,
        logger: this.logger,
      });
    } catch (e) {
      if (e instanceof RingCentralError && lostAnswer(e)) this.lostGeneration = current.generation;
      if (!(e instanceof RingCentralError) || !isGrantGone(e)) {
        this.logger.warn(`Refresh failed (${e instanceof RingCentralError ? (e.code ?? e.kind) : 'error'}); the session is kept.`);
        throw e;
      }
      // Spent by a window that shares our secrets but not our lock (a remote window)? Its pair is on the way.
      const newer = await this.newerInStore(current);
      if (newer) return this.adopt(newer);
      // A lapsed refresh token, or a renewal whose answer was lost, may be replaced by a silent sign-in; a session
      // that was revoked or replaced elsewhere must stay ended (signing in again would evict another session).
      const lost = this.lostGeneration === current.generation;
      if (lost || e.code === 'OAU-210') return this.signInAgain(current, epoch, sessionEnded(e, lost));
      return this.end(current, sessionEnded(e, false));
    }
    const next = sessionFromToken(token, { ...current, generation: current.generation + 1 }, this.clock.now());
    return this.commit(app, next, current, epoch, 'refreshed');
  }

  /**
   * The refresh token lapsed or its renewal was lost: a stored JWT signs in again, once. A refusal ends the session,
   * visibly, so nothing re-posts a dead credential on every call. Without a silent grant the session ends.
   */
  private async signInAgain(current: Session, epoch: number, ended: RingCentralError): Promise<Session> {
    const grant = await this.o.silent?.grant(current);
    if (!grant) return this.end(current, ended);
    this.logger.info(`${ended.message} Signing in again with the stored ${grant.type.toUpperCase()} credential.`);
    const app = await this.o.app();
    let token: TokenInfo;
    try {
      token = await this.endpoint.grant(app, grant, this.o.ttl);
    } catch (e) {
      if (e instanceof RingCentralError && e.transient) throw e;
      const refused = e instanceof RingCentralError ? await this.o.silent!.refused(e, current) : ended;
      return this.end(current, refused);
    }
    const next = sessionFromToken(token, { server: this.server, clientId: app.clientId, flow: current.flow, generation: current.generation + 1 }, this.clock.now());
    const ownerLabel = (await this.o.describeOwner?.(next.accessToken)) ?? current.ownerLabel;
    if (ownerLabel) next.ownerLabel = ownerLabel;
    return this.commit(app, next, current, epoch, 'signedIn');
  }

  /** Stores a renewed session unless a sign-out (here or in another window) came first; late tokens are revoked. */
  private async commit(app: AppCredentials, next: Session, base: Session, epoch: number, reason: SessionChangeReason): Promise<Session> {
    if (await this.endedSince(base, epoch)) return this.discard(app, next, base);
    await this.o.store.write({ session: next });
    await this.coordinator.note({ generation: next.generation });
    if (await this.endedSince(base, epoch)) {
      await this.o.store.write({ signedOut: { generation: next.generation, at: this.clock.now() } });
      return this.discard(app, next, base);
    }
    this.cached = next;
    this.loaded = true;
    this.lostGeneration = undefined;
    this.logger.info(`${reason === 'refreshed' ? 'Refreshed the access token' : 'Signed in again'}; valid until ${new Date(next.accessTokenExpiresAt).toISOString()}`);
    this.emit({ session: next, reason });
    return next;
  }

  private async endedSince(base: Session, epoch: number): Promise<boolean> {
    if (epoch !== this.epoch) return true;
    const ledger = await this.coordinator.ledger();
    if (ledger.signedOutGeneration >= base.generation) return true;
    const record = await this.o.store.read();
    return (record?.signedOut?.generation ?? 0) >= base.generation && !record?.session;
  }

  private async discard(app: AppCredentials, late: Session, base: Session): Promise<Session> {
    await this.revokeQuietly(app, late);
    const now = this.cached;
    if (now && now.generation > base.generation) return now;
    this.logger.info('A renewal finished after sign-out; its tokens were revoked and not stored.');
    throw signedOut('You signed out of RingCentral.');
  }

  /** Ends the stored session (unless another window replaced it meanwhile) and says why. */
  private async end(current: Session, error: RingCentralError): Promise<never> {
    const record = await this.o.store.read();
    const stored = usable(record, this.server);
    if (stored && stored.generation > current.generation) {
      this.adopt(stored);
      throw error;
    }
    await this.o.store.write({ signedOut: { generation: current.generation, at: this.clock.now() } });
    await this.coordinator.note({ signedOutGeneration: current.generation });
    this.cached = undefined;
    this.loaded = true;
    this.logger.warn(`The session ended: ${error.message}`);
    this.emit({ session: undefined, reason: 'ended', error });
    throw error;
  }

  /** No session is stored any more (signed out here or in another window). */
  private gone(epoch: number): never {
    const here = epoch !== this.epoch;
    this.accept(undefined);
    throw signedOut(here ? 'You signed out of RingCentral.' : 'You were signed out of RingCentral in another window.');
  }

  /**
   * The stored session, once this window's copy of the store has caught up with the newest generation another
   * window recorded (SecretStorage reaches other windows only after a delayed flush).
   */
  private async settled(): Promise<Session | undefined> {
    const deadline = Date.now() + (this.o.storeSettleMs ?? 2000);
    for (;;) {
      const ledger = await this.coordinator.ledger();
      const record = await this.o.store.read();
      const session = usable(record, this.server);
      const seen = Math.max(session?.generation ?? 0, record?.signedOut?.generation ?? 0);
      if (session && ledger.signedOutGeneration >= session.generation) {
        this.accept(undefined);
        return undefined;
      }
      if (ledger.generation <= seen || ledger.generation <= this.neverArrived || Date.now() >= deadline) {
        if (ledger.generation > seen && ledger.generation > this.neverArrived) {
          this.neverArrived = ledger.generation;
          this.logger.warn('Another window renewed the session, but its copy has not reached this window yet; going on with the one here.');
        }
        this.accept(session);
        return session;
      }
      await sleep(this.o.storePollMs ?? 50);
    }
  }

  /** After invalid_grant: a newer pair from another window, if one arrives within the store's settling time. */
  private async newerInStore(current: Session): Promise<Session | undefined> {
    const deadline = Date.now() + (this.o.storeSettleMs ?? 2000);
    for (;;) {
      const stored = usable(await this.o.store.read(), this.server);
      if (stored && stored.generation > current.generation) return stored;
      if (stored && stored.refreshToken !== current.refreshToken && stored.generation >= current.generation) return stored;
      if (Date.now() >= deadline) return undefined;
      await sleep(this.o.storePollMs ?? 50);
    }
  }

  /**
   * Outside the refresh margin before expiry, by the platform's clock. Until this window has read the platform's
   * time, its own clock may be wrong (another window wrote the expiry): the token is used, and a 401 renews it.
   */
  private isFresh(session: Session): boolean {
    if (!this.o.client.serverClock.calibrated) return true;
    return this.clock.now() < session.accessTokenExpiresAt - (this.o.refreshMarginMs ?? 120_000);
  }

  private refreshUsable(session: Session): boolean {
    if (session.refreshToken === undefined) return false;
    if (!this.o.client.serverClock.calibrated || session.refreshTokenExpiresAt === undefined) return true;
    return this.clock.now() < session.refreshTokenExpiresAt - REFRESH_TOKEN_MARGIN_MS;
  }

  private adopt(session: Session): Session {
    if (this.cached?.accessToken !== session.accessToken) this.logger.info('Using the session another window renewed.');
    this.accept(session);
    return session;
  }

  /** Takes `session` as the current one and tells listeners if it changed. */
  private accept(session: Session | undefined): void {
    const before = this.cached;
    this.cached = session;
    this.loaded = true;
    if (before?.accessToken !== session?.accessToken) this.emit({ session, reason: session ? 'adopted' : 'signedOut' });
  }

  private async revokeQuietly(app: AppCredentials, session: Session): Promise<void> {
    await this.endpoint.revoke(app, session.refreshToken ?? session.accessToken);
  }

  private emit(change: SessionChange): void {
    for (const l of this.listeners) l(change);
  }
}

/** The session in a record, unless the record is for another server or is a sign-out marker. */
function usable(record: StoredRecord | undefined, server: string): Session | undefined {
  const s = record?.session;
  if (!s || s.server !== server) return undefined;
  return (record.signedOut?.generation ?? 0) >= s.generation ? undefined : s;
}

const GRANT_GONE_CODES = new Set(['invalid_grant', 'OAU-210', 'OAU-211', 'OAU-213']);

export function isGrantGone(e: RingCentralError): boolean {
  return e.kind === 'http' && (e.status === 400 || e.status === 401) && e.code !== undefined && GRANT_GONE_CODES.has(e.code);
}

/** Resolves with the shared promise, or rejects as cancelled when the caller's signal aborts first; the work goes on. */
function waitFor<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(cancelled('Cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled('Cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function signedOut(message: string): RingCentralError {
  return new RingCentralError({ kind: 'signedOut', message, hint: 'Run "RingCentral: Sign In" to sign in again.', action: 'signIn' });
}

function cancelled(message: string): RingCentralError {
  return new RingCentralError({ kind: 'cancelled', message, hint: 'Cancelled; the session is unchanged.' });
}

/** Why the session ended, in words that name the fix. `lost`: RingCentral renewed it but the answer never arrived. */
function sessionEnded(cause: RingCentralError | undefined, lost: boolean): RingCentralError {
  const base = { kind: 'signedOut' as const, hint: 'Run "RingCentral: Sign In" to sign in again.', action: 'signIn' as const };
  if (!cause) return new RingCentralError({ ...base, message: 'The RingCentral session expired: it was not used for longer than its refresh token lasts.' });
  const code = cause.code ?? 'invalid_grant';
  const message = lost
    ? `RingCentral renewed the session, but its answer was lost on the way and the renewal cannot be repeated (${code}).`
    : code === 'OAU-210'
      ? 'The RingCentral session expired (OAU-210): it was not used for longer than its refresh token lasts.'
      : code === 'OAU-211' || code === 'OAU-213'
        ? `RingCentral ended the session (${code}): it was signed out elsewhere, revoked by an administrator, or replaced by newer sign-ins (RingCentral keeps five per user and app).`
        : `RingCentral no longer accepts this session (${code}).`;
  return new RingCentralError({ ...base, ...(cause.status !== undefined ? { status: cause.status } : {}), code, message, cause });
}
