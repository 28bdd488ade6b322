import { untilAborted } from '../abortable';
import type { Clock } from '../clock';
import { RingCentralError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type { RestClient } from '../http/restClient';
import type { TokenInfo } from '../schemas/token';
import { flowOf, type AppCredentials, type Grant, type TokenTtl } from './credentials';
import { lostAnswer, refreshWithRetry } from './refreshRetry';
import { sessionFromToken, type Session } from './session';
import { ProcessCoordinator, type SessionCoordinator } from './sessionCoordinator';
import { cancelled, isGrantGone, sessionEnded, signedOut } from './sessionErrors';
import { SharedSession } from './sharedSession';
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
  private readonly shared: SharedSession;
  private readonly listeners = new Set<(change: SessionChange) => void>();
  private cached: Session | undefined;
  private loaded = false;
  private inflight: Promise<Session> | undefined;
  /** Bumped by sign-in and sign-out: a renewal that began before must not store what it got. */
  private epoch = 0;
  /** The generation whose refresh answer was lost: its refusal later means "lost", not "revoked". */
  private lostGeneration: number | undefined;

  constructor(private readonly o: TokenManagerOptions) {
    this.endpoint = new TokenEndpoint(o.client);
    this.logger = o.logger ?? silentLogger;
    this.shared = new SharedSession({
      store: o.store,
      coordinator: o.coordinator ?? new ProcessCoordinator(),
      server: o.client.server,
      logger: this.logger,
      settleMs: o.storeSettleMs ?? 2000,
      pollMs: o.storePollMs ?? 50,
    });
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
    this.accept(await this.shared.read());
    return this.cached;
  }

  async signIn(grant: Grant, signal?: AbortSignal): Promise<Session> {
    const app = await this.o.app();
    const epoch = ++this.epoch;
    const token = await this.endpoint.grant(app, grant, this.o.ttl, signal);
    const ownerLabel = await this.o.describeOwner?.(token.access_token);
    return this.shared.exclusive(async () => {
      const previous = await this.shared.read();
      const generation = await this.shared.nextGeneration();
      const session = sessionFromToken(token, { server: this.server, clientId: app.clientId, flow: flowOf(grant), generation }, this.clock.now());
      if (ownerLabel) session.ownerLabel = ownerLabel;
      if (epoch !== this.epoch) {
        await this.revokeQuietly(app, session);
        throw cancelled('Sign-in was replaced by a later sign-in or sign-out.');
      }
      await this.shared.store(session);
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
    return (await this.waitFor(this.renew(), signal)).accessToken;
  }

  /** Called after a 401 with `rejected`: use a newer token if one exists, otherwise renew. */
  async replaceRejected(rejected: string, signal?: AbortSignal): Promise<string> {
    const session = await this.reload();
    if (session && session.accessToken !== rejected && this.clock.now() < session.accessTokenExpiresAt) return session.accessToken;
    return (await this.waitFor(this.renew({ rejected }), signal)).accessToken;
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
    const session = (await this.shared.read()) ?? this.cached;
    // Everything up to now is over, including a generation another window stored that has not reached us yet.
    await this.shared.markSignedOut((await this.shared.nextGeneration()) - 1, this.clock.now());
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
    return this.shared.exclusive(async () => {
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
      const newer = await this.shared.newerThan(current);
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
    await this.shared.store(next);
    if (await this.endedSince(base, epoch)) {
      await this.shared.markSignedOut(next.generation, this.clock.now());
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
    return epoch !== this.epoch || (await this.shared.signedOutSince(base));
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
    const stored = await this.shared.read();
    if (stored && stored.generation > current.generation) {
      this.adopt(stored);
      throw error;
    }
    await this.shared.markSignedOut(current.generation, this.clock.now());
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

  /** The stored session once this window's copy has caught up with other windows' writes, taken as current. */
  private async settled(): Promise<Session | undefined> {
    const session = await this.shared.settled();
    this.accept(session);
    return session;
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

  /** The shared renewal, until the caller gives up; the renewal itself goes on for the others. */
  private waitFor(work: Promise<Session>, signal: AbortSignal | undefined): Promise<Session> {
    return untilAborted(work, signal, () => cancelled('Cancelled.'));
  }

  private emit(change: SessionChange): void {
    for (const l of this.listeners) l(change);
  }
}
