import type { EmulatorClock, GroupLimit, RateGroup } from './api';

/** The platform's documented defaults (API.md): per user, per app, per group, 60 s window and penalty. */
export const DEFAULT_LIMITS: Readonly<Record<RateGroup, GroupLimit>> = {
  Light: { limit: 50, windowMs: 60_000, penaltyMs: 60_000 },
  Medium: { limit: 40, windowMs: 60_000, penaltyMs: 60_000 },
  Heavy: { limit: 10, windowMs: 60_000, penaltyMs: 60_000 },
  Auth: { limit: 5, windowMs: 60_000, penaltyMs: 60_000 },
};

/** The quota advertised in X-Rate-Limit-Limit/Remaining when limiting is off. */
export const UNLIMITED_QUOTA = 1_000_000;

export interface RateDecision {
  allowed: boolean;
  /** X-Rate-Limit-* (and Retry-After when refused), ready to send. */
  headers: Record<string, string>;
}

interface Bucket {
  /** Arrival times (emulator clock) of the counted requests still in the window, oldest first. */
  hits: number[];
  penaltyUntil: number;
}

/**
 * Sliding-window limiter over the emulator clock. Exceeding a limit locks the group for
 * `penaltyMs`; every request during the lock is refused and restarts it. The window log is
 * cleared when a penalty starts, so the full quota is available once the penalty has passed.
 */
export class RateLimiter {
  private readonly limits: Record<RateGroup, GroupLimit>;
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: EmulatorClock,
    limits: Partial<Record<RateGroup, GroupLimit>> | undefined,
    public unlimited: boolean,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  setLimit(group: RateGroup, limit: GroupLimit): void {
    this.limits[group] = { ...limit };
    for (const key of [...this.buckets.keys()]) if (key.startsWith(`${group}|`)) this.buckets.delete(key);
  }

  limitOf(group: RateGroup): GroupLimit {
    return this.limits[group];
  }

  /** Counts one request of `owner` in `group` and decides whether it may proceed. */
  hit(owner: string, group: RateGroup): RateDecision {
    const cfg = this.limits[group];
    const headers: Record<string, string> = {
      'X-Rate-Limit-Group': group.toLowerCase(),
      'X-Rate-Limit-Limit': String(cfg.limit),
      'X-Rate-Limit-Remaining': String(cfg.limit),
      'X-Rate-Limit-Window': String(Math.ceil(cfg.windowMs / 1000)),
    };
    if (this.unlimited) {
      // Advertise a quota no client will hit, so well-behaved clients do not throttle themselves.
      headers['X-Rate-Limit-Limit'] = String(UNLIMITED_QUOTA);
      headers['X-Rate-Limit-Remaining'] = String(UNLIMITED_QUOTA);
      return { allowed: true, headers };
    }
    const now = this.clock.now();
    const key = `${group}|${owner}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { hits: [], penaltyUntil: 0 };
      this.buckets.set(key, bucket);
    }
    const refuse = (): RateDecision => {
      bucket.penaltyUntil = now + cfg.penaltyMs;
      bucket.hits.length = 0;
      headers['X-Rate-Limit-Remaining'] = '0';
      headers['Retry-After'] = String(Math.ceil(cfg.penaltyMs / 1000));
      return { allowed: false, headers };
    };
    if (now < bucket.penaltyUntil) return refuse();
    const cutoff = now - cfg.windowMs;
    let drop = 0;
    while (drop < bucket.hits.length && (bucket.hits[drop] as number) <= cutoff) drop++;
    if (drop > 0) bucket.hits.splice(0, drop);
    if (bucket.hits.length >= cfg.limit) return refuse();
    bucket.hits.push(now);
    headers['X-Rate-Limit-Remaining'] = String(cfg.limit - bucket.hits.length);
    return { allowed: true, headers };
  }
}
