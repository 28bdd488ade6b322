import { raise, type SessionCoordinator, type SessionLedger } from '../auth/sessionCoordinator';
import { FileLock } from './fileLock';
import { readJsonFile, writeJsonFile } from './jsonFile';
import { serverFile } from './serverFile';

export interface FolderCoordinatorOptions {
  /** A folder every window of this machine sees (VS Code's global storage); holds no secret. */
  folder: string;
  server: string;
  /** Longer than the longest token request plus its retries, so a slow but live holder is never judged dead. */
  staleMs: number;
}

/**
 * Coordinates the windows of one machine through a folder they share: an exclusive lock file for token requests
 * and sign-out, and a small ledger of session generations that tells a window its cached copy of SecretStorage is
 * behind. Windows on other machines (remote windows share secrets, not disks) are covered by the token manager's
 * safety net: after invalid_grant it waits for a newer pair to arrive in the store.
 */
export class FolderCoordinator implements SessionCoordinator {
  private readonly lock: FileLock;
  private readonly ledgerLock: FileLock;
  private readonly ledgerFile: string;

  constructor(o: FolderCoordinatorOptions) {
    const base = serverFile(o.folder, o.server, 'session');
    this.lock = new FileLock(`${base}.lock`, { staleMs: o.staleMs });
    this.ledgerFile = `${base}.json`;
    this.ledgerLock = new FileLock(`${base}.json.lock`, { staleMs: 5000, heartbeatMs: 1000, pollMs: 2 });
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const held = await this.lock.acquire();
    try {
      return await work();
    } finally {
      await held.release();
    }
  }

  async ledger(): Promise<SessionLedger> {
    return parse(await readJsonFile(this.ledgerFile));
  }

  async note(entry: Partial<SessionLedger>): Promise<void> {
    const held = await this.ledgerLock.acquire();
    try {
      await writeJsonFile(this.ledgerFile, raise(await this.ledger(), entry));
    } finally {
      await held.release();
    }
  }
}

function parse(raw: unknown): SessionLedger {
  const r = (raw ?? {}) as Partial<Record<keyof SessionLedger, unknown>>;
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return { generation: num(r.generation), signedOutGeneration: num(r.signedOutGeneration) };
}
