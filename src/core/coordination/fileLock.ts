import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { sleep } from '../clock';

export interface FileLockOptions {
  /** A lock whose file was not touched for this long belongs to a holder that hung or died on another host. */
  staleMs: number;
  /** How often the holder touches its lock file (default staleMs / 4). */
  heartbeatMs?: number;
  /** How often a waiter looks again (default 50 ms). */
  pollMs?: number;
}

export interface HeldLock {
  /** False once the lock file was taken from us (we were judged stale): stop before writing anything shared. */
  readonly held: boolean;
  release(): Promise<void>;
}

interface Owner {
  id: string;
  pid: number;
  host: string;
  at: number;
}

/**
 * An exclusive lock between processes that share a disk (VS Code windows on one machine): the lock is a file
 * created with O_EXCL, which the file system grants to exactly one process. The holder writes who it is and
 * touches the file while it works (heartbeat), so a holder that crashed (its pid is gone on this host) or hung
 * (no heartbeat for `staleMs`) cannot block the others for ever. SecretStorage cannot serve as a lock: every
 * window reads its own cached copy and sees other windows' writes only after a delayed flush.
 */
export class FileLock {
  private readonly heartbeatMs: number;
  private readonly pollMs: number;

  constructor(
    readonly file: string,
    private readonly o: FileLockOptions,
  ) {
    this.heartbeatMs = o.heartbeatMs ?? Math.max(50, Math.floor(o.staleMs / 4));
    this.pollMs = o.pollMs ?? 50;
  }

  /** Waits until the lock is ours. Rejects only when `signal` aborts or the folder cannot be written. */
  async acquire(signal?: AbortSignal): Promise<HeldLock> {
    const me: Owner = { id: randomBytes(8).toString('hex'), pid: process.pid, host: hostname(), at: Date.now() };
    for (;;) {
      if (await this.tryCreate(me)) return this.held(me);
      if (await this.isAbandoned()) {
        await this.remove();
        continue;
      }
      await sleep(this.pollMs, signal);
    }
  }

  private async tryCreate(me: Owner): Promise<boolean> {
    try {
      const handle = await fs.open(this.file, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(me));
      } finally {
        await handle.close();
      }
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code === 'ENOENT') {
        await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
        return this.tryCreate(me);
      }
      throw e;
    }
  }

  /**
   * The holder is gone: its process no longer exists on this host, or its file went untouched for `staleMs`
   * twice, a heartbeat apart (after a laptop wakes up every holder gets one heartbeat to show it is alive).
   */
  private async isAbandoned(): Promise<boolean> {
    const first = await this.inspect();
    if (!first) return false;
    if (first.owner && first.owner.host === hostname() && !processAlive(first.owner.pid)) return true;
    if (Date.now() - first.mtimeMs <= this.o.staleMs) return false;
    await sleep(this.heartbeatMs + this.pollMs);
    const second = await this.inspect();
    return second !== undefined && second.ino === first.ino && second.mtimeMs === first.mtimeMs;
  }

  private async inspect(): Promise<{ ino: number; mtimeMs: number; owner: Owner | undefined } | undefined> {
    try {
      const stat = await fs.stat(this.file);
      let owner: Owner | undefined;
      try {
        owner = JSON.parse(await fs.readFile(this.file, 'utf8')) as Owner;
      } catch {
        owner = undefined; // being written right now, or damaged: judged by its age alone
      }
      return { ino: stat.ino, mtimeMs: stat.mtimeMs, owner };
    } catch {
      return undefined;
    }
  }

  /** Moves the abandoned file aside first, so two processes that both judged it abandoned cannot delete a new one. */
  private async remove(): Promise<void> {
    const aside = `${this.file}.${randomBytes(6).toString('hex')}.abandoned`;
    try {
      await fs.rename(this.file, aside);
      await fs.rm(aside, { force: true });
    } catch {
      // someone else removed it first
    }
  }

  private held(me: Owner): HeldLock {
    let held = true;
    const timer = setInterval(() => {
      void this.beat(me).then((ok) => {
        if (!ok) {
          held = false;
          clearInterval(timer);
        }
      });
    }, this.heartbeatMs);
    timer.unref();
    return {
      get held() {
        return held;
      },
      release: async () => {
        clearInterval(timer);
        if (!held) return;
        held = false;
        if ((await this.ownerOf()) === me.id) await fs.rm(this.file, { force: true });
      },
    };
  }

  /** Touches the file if it is still ours; false when someone took it. */
  private async beat(me: Owner): Promise<boolean> {
    if ((await this.ownerOf()) !== me.id) return false;
    const now = new Date();
    await fs.utimes(this.file, now, now).catch(() => undefined);
    return true;
  }

  private async ownerOf(): Promise<string | undefined> {
    try {
      return (JSON.parse(await fs.readFile(this.file, 'utf8')) as Owner).id;
    } catch {
      return undefined;
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
