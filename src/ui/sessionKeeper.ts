import type { Session } from '../core/auth/session';
import type { Logger } from '../core/logger';

/** The part of RingCentralService the keeper needs. */
export interface KeptService {
  onDidChangeSession(listener: (session: Session | undefined) => void): { dispose(): void };
  session(): Promise<Session | undefined>;
  tokens: { refresh(signal?: AbortSignal, rejected?: string, force?: boolean): Promise<Session> };
}

const DAY = 24 * 3600_000;
const MAX_TIMER = 2 ** 31 - 1;

/**
 * Keeps an idle session alive while VS Code runs: a refresh token lapses after days without use, so one refresh
 * is made a day before that. Failures are logged only; the next use of the API retries.
 */
export class SessionKeeper {
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly service: KeptService,
    private readonly logger: Logger,
    private readonly leadMs = DAY,
  ) {
    this.subscription = service.onDidChangeSession((s) => this.schedule(s));
  }

  private schedule(session: Session | undefined): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!session?.refreshTokenExpiresAt) return;
    const due = session.refreshTokenExpiresAt - this.leadMs;
    this.timer = setTimeout(() => void this.keepAlive(session.generation), Math.min(MAX_TIMER, Math.max(0, due - Date.now())));
  }

  private async keepAlive(generation: number): Promise<void> {
    const current = await this.service.session();
    if (!current || current.generation !== generation) return;
    try {
      await this.service.tokens.refresh(undefined, undefined, true);
      this.logger.info('Renewed the idle session before its refresh token lapsed.');
    } catch (e) {
      this.logger.warn(`Could not renew the idle session: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
