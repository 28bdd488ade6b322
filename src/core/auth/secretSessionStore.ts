import type { Redactor } from '../redact';
import type { StoredRecord } from './session';
import type { SessionStore } from './sessionStore';

/** What the store needs of VS Code's SecretStorage (kept structural, so the core never imports vscode). */
export interface SecretsLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  onDidChange(listener: (e: { key: string }) => unknown): { dispose(): unknown };
}

const KEY_PREFIX = 'ringcentral.session/';

/**
 * The session record in SecretStorage, one per server, shared by every VS Code window (and by remote windows, which
 * share secrets but not a disk). It is not a lock: each window reads its own cached copy; see SessionCoordinator.
 * A record that cannot be read is treated as no session rather than an error.
 */
export class SecretSessionStore implements SessionStore {
  readonly key: string;

  constructor(
    private readonly secrets: SecretsLike,
    server: string,
    private readonly redactor: Redactor,
  ) {
    this.key = KEY_PREFIX + server;
  }

  async read(): Promise<StoredRecord | undefined> {
    const raw = await this.secrets.get(this.key);
    if (!raw) return undefined;
    try {
      const record = JSON.parse(raw) as StoredRecord;
      this.redactor.add(record.session?.accessToken, record.session?.refreshToken);
      return record;
    } catch {
      return undefined;
    }
  }

  async write(record: StoredRecord): Promise<void> {
    this.redactor.add(record.session?.accessToken, record.session?.refreshToken);
    await this.secrets.store(this.key, JSON.stringify(record));
  }

  /** Fires when any window changes this server's record. */
  onDidChange(listener: () => void): { dispose(): unknown } {
    return this.secrets.onDidChange((e) => {
      if (e.key === this.key) listener();
    });
  }
}
