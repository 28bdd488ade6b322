import type * as vscode from 'vscode';
import type { Redactor } from '../../core/redact';

/** What the user typed to sign in. Lives only in SecretStorage, one record per server. */
export interface StoredCredentials {
  clientId?: string;
  clientSecret?: string;
  jwt?: string;
  username?: string;
  extension?: string;
  password?: string;
}

const KEY_PREFIX = 'ringcentral.credentials/';

export class CredentialVault {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly redactor: Redactor,
  ) {}

  async read(server: string): Promise<StoredCredentials> {
    const raw = await this.secrets.get(KEY_PREFIX + server);
    let value: StoredCredentials = {};
    try {
      value = raw ? (JSON.parse(raw) as StoredCredentials) : {};
    } catch {
      value = {};
    }
    this.redactor.add(value.clientSecret, value.jwt, value.password);
    return value;
  }

  async update(server: string, patch: StoredCredentials): Promise<StoredCredentials> {
    const next = { ...(await this.read(server)), ...patch };
    for (const k of Object.keys(next) as (keyof StoredCredentials)[]) if (!next[k]) delete next[k];
    this.redactor.add(next.clientSecret, next.jwt, next.password);
    await this.secrets.store(KEY_PREFIX + server, JSON.stringify(next));
    return next;
  }

  forget(server: string): Thenable<void> {
    return this.secrets.delete(KEY_PREFIX + server);
  }
}
