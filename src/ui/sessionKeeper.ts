import type { Session } from '../core/auth/session';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';

/** The part of RingCentralService the keeper needs. */
export interface KeptService {
  session(): Promise<Session | undefined>;
  /** Renews the session now, even if its access token is still fresh. */
  renewIdle(): Promise<Session>;
  /** Platform time, the clock session expiries are written in. */
  readonly clock: Clock;
}

export interface KeeperOptions {
  /** Renew this long before the refresh token lapses (default one day). */
  leadMs?: number;
  /** Look at the wall clock at least this often (default hourly). */
  checkEveryMs?: number;
  /** Waits after failed renewals, the last one repeated (default 1, 5, 15, 60 minutes). */
  retryMs?: readonly number[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Keeps an idle session alive while VS Code runs: a refresh token lapses after days without use, so the session is
 * renewed a day before that. It decides by the wall clock, not by one long timer: timers do not count the time a
 * laptop sleeps, so a days-long timer can fire after the token lapsed. It looks at least hourly and whenever the
 * window gains focus (the first thing that happens after waking up), and retries a failed renewal with backoff.
 */
export class SessionKeeper {
  private readonly timer: NodeJS.Timeout;
  private failures = 0;
  private retryAt = 0;
  private running: Promise<void> | undefined;
  private readonly leadMs: number;
  private readonly retryMs: readonly number[];

  constructor(
    private readonly service: KeptService,
    private readonly logger: Logger,
    options: KeeperOptions = {},
  ) {
    this.leadMs = options.leadMs ?? 24 * HOUR;
    this.retryMs = options.retryMs ?? [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR];
    this.timer = setInterval(() => void this.check(), options.checkEveryMs ?? HOUR);
    this.timer.unref();
  }

  /** Looks now: on focus, after a session change, and on the hourly tick. Resolves when any renewal it started ended. */
  check(): Promise<void> {
    this.running ??= this.checkOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async checkOnce(): Promise<void> {
    const session = await this.service.session();
    const now = this.service.clock.now();
    if (!session?.refreshTokenExpiresAt || now < session.refreshTokenExpiresAt - this.leadMs || now < this.retryAt) return;
    try {
      await this.service.renewIdle();
      this.failures = 0;
      this.retryAt = 0;
      this.logger.info('Renewed the idle session before its refresh token lapsed.');
    } catch (e) {
      const wait = this.retryMs[Math.min(this.failures, this.retryMs.length - 1)] ?? HOUR;
      this.failures++;
      this.retryAt = this.service.clock.now() + wait;
      this.logger.warn(`Could not renew the idle session (${e instanceof Error ? e.message : String(e)}); trying again in ${Math.round(wait / MINUTE)} min.`);
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
