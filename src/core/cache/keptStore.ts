import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { assertNoSecrets } from '../export/json';

/** Whose data a kept entry is: one server, one signed-in user (which fixes the account, and what the user may see). */
export interface KeptScope {
  server: string;
  /** The signed-in user's extension id (the token's `owner_id`). */
  owner: string;
}

export type KeptRead =
  | { kind: 'found'; savedAt: number; data: unknown }
  | { kind: 'missing' }
  /** A file that is there but cannot be used (damaged, another format, another scope): it has been deleted. */
  | { kind: 'unreadable'; reason: string };

const FORMAT = 1;

interface Envelope {
  format: number;
  server: string;
  owner: string;
  name: string;
  savedAt: number;
  data: unknown;
}

/**
 * Loaded lists kept on disk, so that a reload or another window shows them at once instead of paging through
 * RingCentral again (100,000 numbers are 100 Heavy requests: ten minutes of the user's quota). One folder per
 * server, one per user inside it, one file per list. Directory data only: a write that contains any of the
 * session's secrets is refused. Files are replaced by rename, so a reader in another window sees the old file or
 * the new one, never half of one.
 */
export class KeptStore {
  constructor(readonly dir: string) {}

  /** The folder of everything kept for `server`. */
  serverDir(server: string): string {
    return path.join(this.dir, createHash('sha256').update(server).digest('hex').slice(0, 16));
  }

  fileOf(scope: KeptScope, name: string): string {
    const owner = scope.owner.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
    return path.join(this.serverDir(scope.server), owner, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
  }

  async read(scope: KeptScope, name: string): Promise<KeptRead> {
    const file = this.fileOf(scope, name);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'unreadable', reason: `it cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const reason = problemOf(parsed, scope, name);
    if (reason !== undefined) {
      await fs.rm(file, { force: true }).catch(() => undefined);
      return { kind: 'unreadable', reason };
    }
    const envelope = parsed as Envelope;
    return { kind: 'found', savedAt: envelope.savedAt, data: envelope.data };
  }

  /**
   * Writes `data` for `scope`. Refuses (throws, writes nothing) when the text would contain one of `secrets`.
   */
  async write(scope: KeptScope, name: string, data: unknown, savedAt: number, secrets: readonly string[]): Promise<void> {
    const envelope: Envelope = { format: FORMAT, server: scope.server, owner: scope.owner, name, savedAt, data };
    const text = JSON.stringify(envelope);
    assertNoSecrets(text, secrets);
    const file = this.fileOf(scope, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await fs.writeFile(temp, text, { encoding: 'utf8', mode: 0o600 });
      await fs.rename(temp, file);
    } finally {
      await fs.rm(temp, { force: true }).catch(() => undefined);
    }
  }

  async remove(scope: KeptScope, name: string): Promise<void> {
    await fs.rm(this.fileOf(scope, name), { force: true });
  }

  /** Deletes everything kept for `server` (sign-out, forgotten credentials). */
  async forgetServer(server: string): Promise<void> {
    await fs.rm(this.serverDir(server), { recursive: true, force: true });
  }

  /** Deletes everything kept for every server (keeping turned off). */
  async forgetAll(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}

/** Why `parsed` is not a kept entry of `scope` and `name`; undefined when it is one. */
function problemOf(parsed: unknown, scope: KeptScope, name: string): string | undefined {
  if (parsed === undefined) return 'it is not valid JSON (cut short or damaged)';
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'it holds no kept list';
  const e = parsed as Partial<Envelope>;
  if (e.format !== FORMAT) return `it has format ${String(e.format)}, not ${FORMAT}`;
  if (e.server !== scope.server || e.owner !== scope.owner || e.name !== name) return 'it belongs to another server or user';
  if (typeof e.savedAt !== 'number' || !Number.isFinite(e.savedAt)) return 'it has no valid time';
  return undefined;
}
