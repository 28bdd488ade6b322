/**
 * What windows that share one session agree on outside the session store. SecretStorage cannot serve: each window
 * reads its own cached copy and sees another window's write only after a delayed flush, so "write, wait, read back"
 * proves nothing there.
 */
export interface SessionLedger {
  /** The newest session generation any window stored. */
  generation: number;
  /** The newest generation that was signed out or ended: a renewal of it must not be stored. */
  signedOutGeneration: number;
}

export interface SessionCoordinator {
  /** Runs `work` while no other window runs work for the same session (token requests, sign-out). Must not nest. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  ledger(): Promise<SessionLedger>;
  /** Raises the ledger's numbers to at least these (never lowers them). */
  note(entry: Partial<SessionLedger>): Promise<void>;
}

/**
 * For a single process (scripts, tests, benchmarks): a queue instead of a lock, the ledger in memory. Windows of
 * VS Code use FolderCoordinator.
 */
export class ProcessCoordinator implements SessionCoordinator {
  private tail: Promise<unknown> = Promise.resolve();
  private current: SessionLedger = { generation: 0, signedOutGeneration: 0 };

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  ledger(): Promise<SessionLedger> {
    return Promise.resolve({ ...this.current });
  }

  note(entry: Partial<SessionLedger>): Promise<void> {
    this.current = raise(this.current, entry);
    return Promise.resolve();
  }
}

export function raise(ledger: SessionLedger, entry: Partial<SessionLedger>): SessionLedger {
  return {
    generation: Math.max(ledger.generation, entry.generation ?? 0),
    signedOutGeneration: Math.max(ledger.signedOutGeneration, entry.signedOutGeneration ?? 0),
  };
}
