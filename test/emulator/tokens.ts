import type { EmulatorClock } from './api';
import { oauth, type Reply } from './errors';
import { opaqueToken } from './random';

/** The OAuth server's state: sessions, access/refresh tokens (with rotation) and auth codes. */

export const SCOPE = 'ReadAccounts ReadCallLog ReadContacts ReadPresence';
export const CODE_TTL_MS = 60_000;

export interface Session {
  id: number;
  clientId: string;
  ownerId: string;
  endpointId: string;
  createdAt: number;
  revoked: boolean;
  access: string;
  refresh: string;
}

interface AccessEntry {
  session: Session;
  expiresAt: number;
  /** Set when a refresh replaced this token: it is "corrupted" until its expiry, then unknown. */
  rotated: boolean;
}

interface RefreshEntry {
  session: Session;
  expiresAt: number;
  spentAt?: number;
  /** The pair issued when this token was spent; returned again during the grace period. */
  successor?: { access: string; refresh: string };
}

export interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge?: string;
  ownerId: string;
  createdAt: number;
  used: boolean;
}

export interface Ttls {
  accessTtl: number;
  refreshTtl: number;
}

export type AccessCheck =
  | { ok: true; session: Session }
  | { ok: false; reason: 'expired' | 'corrupted' | 'notFound'; session?: Session };

export class TokenStore {
  private readonly access = new Map<string, AccessEntry>();
  private readonly refresh = new Map<string, RefreshEntry>();
  private readonly sessions: Session[] = [];
  private readonly codes = new Map<string, AuthCode>();
  private nextId = 1;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly settings: { maxSessions: number; refreshGraceMs: number },
  ) {}

  /** Starts a new session (a sign-in), evicting the oldest live ones beyond `maxSessions`. */
  signIn(clientId: string, ownerId: string, ttls: Ttls, endpointId?: string): Record<string, unknown> {
    const live = this.sessions
      .filter((s) => s.clientId === clientId && s.ownerId === ownerId && this.isLive(s))
      .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
    while (live.length >= Math.max(1, this.settings.maxSessions)) {
      const oldest = live.shift();
      if (oldest) oldest.revoked = true;
    }
    const session: Session = {
      id: this.nextId++,
      clientId,
      ownerId,
      endpointId: endpointId || opaqueToken(16),
      createdAt: this.clock.now(),
      revoked: false,
      access: '',
      refresh: '',
    };
    this.sessions.push(session);
    this.issuePair(session, ttls);
    return this.tokenBody(session, session.access, session.refresh);
  }

  /** Spends a refresh token: a new pair, or the same new pair again within the grace period. */
  refreshWith(token: string, clientId: string, ttls: Ttls): { tokens: Record<string, unknown> } | { error: Reply } {
    const entry = this.refresh.get(token);
    if (!entry) return { error: oauth.tokenNotFound() };
    const { session } = entry;
    if (session.clientId !== clientId) return { error: oauth.wrongApp() };
    if (session.revoked) return { error: oauth.tokenRevoked() };
    const now = this.clock.now();
    if (entry.spentAt !== undefined) {
      if (entry.successor && now - entry.spentAt <= this.settings.refreshGraceMs) {
        return { tokens: this.tokenBody(session, entry.successor.access, entry.successor.refresh) };
      }
      return { error: oauth.tokenRevoked() };
    }
    if (now >= entry.expiresAt) return { error: oauth.tokenExpired() };
    const oldAccess = this.access.get(session.access);
    if (oldAccess) oldAccess.rotated = true;
    this.issuePair(session, ttls);
    entry.spentAt = now;
    entry.successor = { access: session.access, refresh: session.refresh };
    return { tokens: this.tokenBody(session, session.access, session.refresh) };
  }

  checkAccess(token: string): AccessCheck {
    const entry = this.access.get(token);
    if (!entry) return { ok: false, reason: 'notFound' };
    const { session } = entry;
    if (session.revoked) return { ok: false, reason: 'notFound', session };
    const now = this.clock.now();
    if (entry.rotated) return { ok: false, reason: now < entry.expiresAt ? 'corrupted' : 'notFound', session };
    if (now >= entry.expiresAt) return { ok: false, reason: 'expired', session };
    return { ok: true, session };
  }

  /** Ends the whole session the token (access or refresh, current or spent) belongs to. */
  revoke(token: string, clientId: string): void {
    const session = this.access.get(token)?.session ?? this.refresh.get(token)?.session;
    if (session && session.clientId === clientId) session.revoked = true;
  }

  revokeAll(): void {
    for (const s of this.sessions) s.revoked = true;
  }

  liveSessions(): number {
    return this.sessions.filter((s) => this.isLive(s)).length;
  }

  createCode(code: Omit<AuthCode, 'createdAt' | 'used'>): string {
    const value = opaqueToken(24);
    this.codes.set(value, { ...code, createdAt: this.clock.now(), used: false });
    return value;
  }

  findCode(code: string): AuthCode | undefined {
    return this.codes.get(code);
  }

  private isLive(s: Session): boolean {
    if (s.revoked) return false;
    const r = this.refresh.get(s.refresh);
    return r !== undefined && this.clock.now() < r.expiresAt;
  }

  private issuePair(session: Session, ttls: Ttls): void {
    const now = this.clock.now();
    session.access = opaqueToken(36);
    session.refresh = opaqueToken(36);
    this.access.set(session.access, { session, expiresAt: now + ttls.accessTtl * 1000, rotated: false });
    this.refresh.set(session.refresh, { session, expiresAt: now + ttls.refreshTtl * 1000 });
  }

  private tokenBody(session: Session, access: string, refresh: string): Record<string, unknown> {
    const now = this.clock.now();
    const a = this.access.get(access);
    const r = this.refresh.get(refresh);
    return {
      access_token: access,
      token_type: 'bearer',
      expires_in: Math.max(0, Math.round(((a?.expiresAt ?? now) - now) / 1000)),
      refresh_token: refresh,
      refresh_token_expires_in: Math.max(0, Math.round(((r?.expiresAt ?? now) - now) / 1000)),
      scope: SCOPE,
      owner_id: session.ownerId,
      endpoint_id: session.endpointId,
    };
  }
}

/** Reads `access_token_ttl` (600..3600, default 3600) and `refresh_token_ttl` (default 7 days, max 30). */
export function ttlsFrom(form: URLSearchParams): Ttls {
  const num = (name: string): number | undefined => {
    const raw = form.get(name);
    if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
    return Number(raw);
  };
  const a = num('access_token_ttl');
  const r = num('refresh_token_ttl');
  return {
    accessTtl: a === undefined ? 3600 : Math.min(3600, Math.max(600, a)),
    refreshTtl: r === undefined || r < 1 ? 604_800 : Math.min(2_592_000, r),
  };
}
