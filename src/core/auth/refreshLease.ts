import { sleep, type Clock } from '../clock';
import type { Session, StoredRecord } from './session';
import type { SessionStore } from './sessionStore';

export interface LeaseOptions {
  store: SessionStore;
  clock: Clock;
  holder: string;
  /** How long a lease holds if its holder dies mid-refresh. */
  leaseMs: number;
  /** Time for a competing write to land before we check who won. */
  settleMs: number;
  pollMs: number;
  signal?: AbortSignal;
}

export type LeaseOutcome = { kind: 'acquired' } | { kind: 'rotated'; session: Session } | { kind: 'signedOut' };

/**
 * Takes the right to spend the stored refresh token, or learns that another process already spent it.
 * Write-then-verify: every contender writes its lease, waits `settleMs`, and reads back; the last write wins
 * and every contender sees the same winner.
 */
export async function acquireRefreshLease(generation: number, o: LeaseOptions): Promise<LeaseOutcome> {
  for (;;) {
    const record = await o.store.read();
    if (!record?.session) return { kind: 'signedOut' };
    if (record.session.generation > generation) return { kind: 'rotated', session: record.session };
    const now = o.clock.now();
    if (record.lease && record.lease.holder !== o.holder && record.lease.until > now) {
      await sleep(o.pollMs, o.signal);
      continue;
    }
    await o.store.write({ session: record.session, lease: { holder: o.holder, until: now + o.leaseMs } });
    await sleep(o.settleMs, o.signal);
    const check = await o.store.read();
    if (check?.lease?.holder === o.holder && check.session?.generation === generation) return { kind: 'acquired' };
  }
}

/** Drops our lease but keeps whatever session is stored now. */
export async function releaseRefreshLease(store: SessionStore, holder: string): Promise<void> {
  const record = await store.read();
  if (record?.lease?.holder !== holder) return;
  const next: StoredRecord = record.session ? { session: record.session } : {};
  await store.write(record.session ? next : undefined);
}
