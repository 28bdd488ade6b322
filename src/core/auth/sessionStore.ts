import type { StoredRecord } from './session';

/**
 * Where sessions live between restarts. Several processes (VS Code windows) may share one store; it needs no
 * compare-and-swap, the refresh lease is built on plain read and write.
 */
export interface SessionStore {
  read(): Promise<StoredRecord | undefined>;
  write(record: StoredRecord | undefined): Promise<void>;
}

/** For scripts, tests and benchmarks; in VS Code the store sits on SecretStorage. */
export class MemorySessionStore implements SessionStore {
  private value: string | undefined;

  read(): Promise<StoredRecord | undefined> {
    return Promise.resolve(this.value === undefined ? undefined : (JSON.parse(this.value) as StoredRecord));
  }

  write(record: StoredRecord | undefined): Promise<void> {
    this.value = record === undefined ? undefined : JSON.stringify(record);
    return Promise.resolve();
  }
}
