import type * as vscode from 'vscode';
import type { StoredRecord } from '../../core/auth/session';
import type { SessionStore } from '../../core/auth/sessionStore';
import type { Redactor } from '../../core/redact';

const KEY_PREFIX = 'ringcentral.session/';

/**
 * The session record in SecretStorage, shared by every VS Code window; the core's refresh lease runs on it.
 * A record that cannot be read is treated as no session rather than an error.
 */
export class SecretSessionStore implements SessionStore {
  readonly key: string;

  constructor(
    private readonly secrets: vscode.SecretStorage,
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

  async write(record: StoredRecord | undefined): Promise<void> {
    if (record === undefined) {
      await this.secrets.delete(this.key);
      return;
    }
    this.redactor.add(record.session?.accessToken, record.session?.refreshToken);
    await this.secrets.store(this.key, JSON.stringify(record));
  }

  /** Fires when any window changes this server's record. */
  onDidChange(secrets: vscode.SecretStorage, listener: () => void): vscode.Disposable {
    return secrets.onDidChange((e) => {
      if (e.key === this.key) listener();
    });
  }
}
