/** The emulator as the bench uses it: one instance, limits set per scenario, request counts per run. */
import type { Emulator, GroupLimit, RateGroup } from '../../test/emulator/api';
import type { Target } from './clients';

/** The platform's documented limits (API.md), which every scenario starts from. */
export const PLATFORM_LIMITS: Record<RateGroup, GroupLimit> = {
  Light: { limit: 50, windowMs: 60_000, penaltyMs: 60_000 },
  Medium: { limit: 40, windowMs: 60_000, penaltyMs: 60_000 },
  Heavy: { limit: 10, windowMs: 60_000, penaltyMs: 60_000 },
  Auth: { limit: 5, windowMs: 60_000, penaltyMs: 60_000 },
};

/** High enough never to bind, but real: the emulator counts and sends X-Rate-Limit-Remaining as usual. */
export const RAISED: GroupLimit = { limit: 10_000_000, windowMs: 60_000, penaltyMs: 60_000 };

export function targetOf(emu: Emulator): Target {
  return { server: emu.url, clientId: emu.app.clientId, clientSecret: emu.app.clientSecret, jwt: emu.jwt };
}

/** Sets every group's limit (which also empties its counters) and clears the request log. */
export function resetLimits(emu: Emulator, overrides: Partial<Record<RateGroup, GroupLimit>> = {}): void {
  for (const group of Object.keys(PLATFORM_LIMITS) as RateGroup[]) emu.setLimit(group, overrides[group] ?? PLATFORM_LIMITS[group]);
  emu.clearRequests();
}

export interface RequestCounts {
  sent: number;
  status429: number;
  status401: number;
}

/** Requests to `path`, where `~` also matches the account or extension id (navigation links carry real ids). */
export function countRequests(emu: Emulator, path: string, method = 'GET'): RequestCounts {
  const escaped = path.replace(/[.*+?^$()|[\]\\{}]/g, (c) => `\\${c}`);
  const pattern = new RegExp(`^${escaped.replace(/~/g, '[^/]+')}$`);
  const list = emu.requests.filter((r) => r.method === method && pattern.test(r.path));
  return {
    sent: list.length,
    status429: list.filter((r) => r.status === 429).length,
    status401: list.filter((r) => r.status === 401).length,
  };
}

export function tokenRequests(emu: Emulator, grantType?: string): { sent: number; status429: number; failed: number; refreshTokensSpent: number } {
  const list = emu.requestsTo('/restapi/oauth/token', 'POST').filter((r) => grantType === undefined || r.grantType === grantType);
  const spent = new Set(list.map((r) => new URLSearchParams(r.body).get('refresh_token')).filter((t) => t !== null));
  return {
    sent: list.length,
    status429: list.filter((r) => r.status === 429).length,
    failed: list.filter((r) => r.status >= 400).length,
    refreshTokensSpent: spent.size,
  };
}
