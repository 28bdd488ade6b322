/** RingCentral usage-plan groups and their documented defaults (API.md, "Rate limits"). */
export type RateGroup = 'Light' | 'Medium' | 'Heavy' | 'Auth';

export const RATE_GROUPS: readonly RateGroup[] = ['Light', 'Medium', 'Heavy', 'Auth'];

export interface GroupDefaults {
  limit: number;
  windowSeconds: number;
}

export const DEFAULT_LIMITS: Record<RateGroup, GroupDefaults> = {
  Light: { limit: 50, windowSeconds: 60 },
  Medium: { limit: 40, windowSeconds: 60 },
  Heavy: { limit: 10, windowSeconds: 60 },
  Auth: { limit: 5, windowSeconds: 60 },
};

/** A 429 without Retry-After means the platform's full penalty (API.md: 60 s in every group). */
export const MIN_PENALTY_SECONDS = 60;

export function parseGroup(header: string | null | undefined): RateGroup | undefined {
  if (!header) return undefined;
  const lower = header.trim().toLowerCase();
  return RATE_GROUPS.find((g) => g.toLowerCase() === lower);
}

/** Which group a request will count against, so the gate can hold it before it is sent. */
export function groupForRequest(method: string, path: string): RateGroup {
  if (path.startsWith('/restapi/oauth/')) return 'Auth';
  const p = path.replace(/^\/restapi\/v1\.0/, '').replace(/\/+$/, '');
  if (method === 'GET') {
    if (/^\/account\/[^/]+\/phone-number$/.test(p)) return 'Heavy';
    if (/^\/account\/[^/]+\/extension$/.test(p)) return 'Medium';
    return 'Light';
  }
  return 'Medium';
}
