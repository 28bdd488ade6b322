import type { StoredRecord } from './session';

/**
 * Where sessions live between restarts. Several processes (VS Code windows) may share one store; it is not a lock
 * (see SessionCoordinator), so plain read and write are all it needs.
 */
export interface SessionStore {
  read(): Promise<StoredRecord | undefined>;
  write(record: StoredRecord): Promise<void>;
}

/** For scripts, tests and benchmarks; in VS Code the store sits on SecretStorage. */
export class MemorySessionStore implements SessionStore {
  private value: string | undefined;

  read(): Promise<StoredRecord | undefined> {
    return Promise.resolve(this.value === undefined ? undefined : (JSON.parse(this.value) as StoredRecord));
  }

  write(record: StoredRecord): Promise<void> {
    this.value = JSON.stringify(record);
    return Promise.resolve();
  }
}
