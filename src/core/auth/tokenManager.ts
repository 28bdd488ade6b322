import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../clock';
import { RingCentralError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import type { RestClient } from '../http/restClient';
import { flowOf, type AppCredentials, type Grant, type TokenTtl } from './credentials';
import { acquireRefreshLease, releaseRefreshLease } from './refreshLease';
import { sessionFromToken, type Session } from './session';
import type { SessionStore } from './sessionStore';
import { TokenEndpoint } from './tokenEndpoint';

export interface TokenManagerOptions {
  client: RestClient;
  store: SessionStore;
  /** The app's client id and secret, read when needed (they live in SecretStorage, not here). */
  app: () => Promise<AppCredentials>;
  clock?: Clock;
  logger?: Logger;
  /** Refresh this long before the access token expires (default 2 minutes). */
  refreshMarginMs?: number;
  ttl?: TokenTtl;
  /** Identifies this process in the shared store's refresh lease. */
  holderId?: string;
  leaseMs?: number;
  leaseSettleMs?: number;
  leasePollMs?: number;
  /**
   * A grant to sign in again without asking when the refresh token is gone for good (a stored JWT credential);
   * undefined when only the user can sign in.
   */
  silentGrant?: () => Promise<Grant | undefined>;
}

export type SessionChange = { session: Session | undefined; reason: 'signedIn' | 'refreshed' | 'signedOut' | 'adopted' };

const INVALID_GRANT_CODES = new Set(['invalid_grant', 'OAU-210', 'OAU-211', 'OAU-213']);

/**
 * Owns the token lifecycle: sign-in, proactive refresh (one in flight, shared by every caller and coordinated
 * with other processes on the same store), rotation persisted before the new token is handed out, and sign-out.
 * Network trouble during refresh never ends the session; only the server saying the grant is gone does.
 */
export class TokenManager {
  private readonly endpoint: TokenEndpoint;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly holder: string;
  private readonly listeners = new Set<(change: SessionChange) => void>();
  private cached: Session | undefined;
  private loaded = false;
  private inflight: Promise<Session> | undefined;

  constructor(private readonly o: TokenManagerOptions) {
    this.endpoint = new TokenEndpoint(o.client);
    this.clock = o.clock ?? systemClock;
    this.logger = o.logger ?? silentLogger;
    this.holder = o.holderId ?? randomUUID();
  }

  get server(): string {
    return this.o.client.server;
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
    const before = this.cached;
    const record = await this.o.store.read();
    this.loaded = true;
    this.cached = record?.session?.server === this.server ? record.session : undefined;
    if (before?.accessToken !== this.cached?.accessToken) {
      this.emit({ session: this.cached, reason: this.cached ? 'adopted' : 'signedOut' });
    }
    return this.cached;
  }

  async signIn(grant: Grant, signal?: AbortSignal): Promise<Session> {
    const app = await this.o.app();
    const token = await this.endpoint.grant(app, grant, this.o.ttl, signal);
    const previous = await this.o.store.read();
    const session = sessionFromToken(
      token,
      { server: this.server, clientId: app.clientId, flow: flowOf(grant), generation: (previous?.session?.generation ?? 0) + 1 },
      this.clock.now(),
    );
    await this.o.store.write({ session });
    this.cached = session;
    this.loaded = true;
    this.logger.info(`Signed in (${grant.type}); access token valid until ${new Date(session.accessTokenExpiresAt).toISOString()}`);
    this.emit({ session, reason: 'signedIn' });
    return session;
  }

  /** A valid access token, refreshed first when it is within the margin of expiry. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    const session = await this.session();
    if (!session) throw signedOut('You are not signed in to RingCentral.');
    if (this.isFresh(session)) return session.accessToken;
    return (await this.refresh(signal)).accessToken;
  }

  /** Called after a 401 with `rejected`: use a newer token if one exists, otherwise refresh. */
  async replaceRejected(rejected: string, signal?: AbortSignal): Promise<string> {
    const session = await this.reload();
    if (session && session.accessToken !== rejected && this.clock.now() < session.accessTokenExpiresAt) return session.accessToken;
    return (await this.refresh(signal, rejected)).accessToken;
  }

  /**
   * One refresh at a time per process, however many callers wait for it. Without `force` a token that is still
   * fresh (another window just rotated it) is used as it is.
   */
  refresh(signal?: AbortSignal, rejected?: string, force = false): Promise<Session> {
    this.inflight ??= this.rotate(signal, rejected, force).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  async signOut(): Promise<void> {
    const session = await this.reload();
    await this.o.store.write(undefined);
    this.cached = undefined;
    if (session) {
      const app = await this.o.app().catch(() => undefined);
      if (app) {
        const revoked = await this.endpoint.revoke(app, session.refreshToken ?? session.accessToken);
        this.logger.info(revoked ? 'Signed out; the session was revoked on the server.' : 'Signed out locally; the server did not confirm the revoke.');
      }
    }
    this.emit({ session: undefined, reason: 'signedOut' });
  }

  private async rotate(signal: AbortSignal | undefined, rejected: string | undefined, force: boolean): Promise<Session> {
    const current = await this.reload();
    if (!current) throw signedOut('You are not signed in to RingCentral.');
    const now = this.clock.now();
    // Another window may already have rotated: its fresh token serves unless it is the one just rejected.
    if (!force && current.accessToken !== rejected && this.isFresh(current)) return current;
    if (!current.refreshToken || (current.refreshTokenExpiresAt !== undefined && current.refreshTokenExpiresAt <= now)) {
      return this.signInSilentlyOrEnd(current, 'The RingCentral session expired.', signal);
    }
    const lease = await acquireRefreshLease(current.generation, {
      store: this.o.store,
      clock: this.clock,
      holder: this.holder,
      leaseMs: this.o.leaseMs ?? 20_000,
      settleMs: this.o.leaseSettleMs ?? 50,
      pollMs: this.o.leasePollMs ?? 100,
      ...(signal ? { signal } : {}),
    });
    if (lease.kind === 'signedOut') return this.ended('You were signed out of RingCentral in another window.');
    if (lease.kind === 'rotated') return this.adopt(lease.session);
    const app = await this.o.app();
    try {
      const token = await this.endpoint.refresh(app, current.refreshToken, this.o.ttl, signal);
      const next = sessionFromToken(token, { ...current, generation: current.generation + 1 }, this.clock.now());
      // Persist before anyone uses the new token: the old refresh token is already spent.
      await this.o.store.write({ session: next });
      this.cached = next;
      this.logger.info(`Refreshed the access token; valid until ${new Date(next.accessTokenExpiresAt).toISOString()}`);
      this.emit({ session: next, reason: 'refreshed' });
      return next;
    } catch (e) {
      await releaseRefreshLease(this.o.store, this.holder).catch(() => undefined);
      if (!(e instanceof RingCentralError) || !isGrantGone(e)) {
        this.logger.warn(`Refresh failed (${e instanceof RingCentralError ? (e.code ?? e.kind) : 'error'}); the session is kept.`);
        throw e;
      }
      // Spent by another process between our read and our request? Its newer pair is in the store.
      const after = await this.o.store.read();
      if (after?.session && after.session.refreshToken !== current.refreshToken) return this.adopt(after.session);
      return this.signInSilentlyOrEnd(current, `The RingCentral session ended (${e.code ?? 'invalid_grant'}).`, signal);
    }
  }

  private async signInSilentlyOrEnd(current: Session, why: string, signal?: AbortSignal): Promise<Session> {
    const grant = current.flow === 'jwt' ? await this.o.silentGrant?.() : undefined;
    if (grant) {
      this.logger.info(`${why} Signing in again with the stored JWT credential.`);
      return this.signIn(grant, signal);
    }
    return this.ended(why);
  }

  private async ended(why: string): Promise<never> {
    const record = await this.o.store.read();
    if (record?.session?.generation === this.cached?.generation) await this.o.store.write(undefined);
    this.cached = undefined;
    this.emit({ session: undefined, reason: 'signedOut' });
    throw signedOut(why);
  }

  /** Outside the refresh margin before the access token expires. */
  private isFresh(session: Session): boolean {
    return this.clock.now() < session.accessTokenExpiresAt - (this.o.refreshMarginMs ?? 120_000);
  }

  private adopt(session: Session): Session {
    this.cached = session;
    this.logger.info('Using the session another window refreshed.');
    this.emit({ session, reason: 'adopted' });
    return session;
  }

  private emit(change: SessionChange): void {
    for (const l of this.listeners) l(change);
  }
}

function isGrantGone(e: RingCentralError): boolean {
  return e.kind === 'http' && (e.status === 400 || e.status === 401) && e.code !== undefined && INVALID_GRANT_CODES.has(e.code);
}

function signedOut(message: string): RingCentralError {
  return new RingCentralError({ kind: 'signedOut', message, hint: 'Run "RingCentral: Sign In" to sign in again.', action: 'signIn' });
}
