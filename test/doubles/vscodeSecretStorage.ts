/**
 * A double of VS Code's SecretStorage as several windows see it, each window in its own process. Modelled on VS
 * Code's source (microsoft/vscode, 1.9x):
 * - src/vs/platform/secrets/common/secrets.ts (BaseSecretStorageService): a secret is the entry `secret://<key>` of
 *   the window's APPLICATION-scoped storage service, read and written one key at a time (SequencerByKey).
 * - src/vs/base/parts/storage/common/storage.ts (Storage): each window keeps an in-memory cache. `set` and
 *   `delete` change the cache and fire onDidChangeStorage at once, then the pending inserts and deletes go to the
 *   database after DEFAULT_FLUSH_DELAY (100 ms, a ThrottledDelayer). Changes flushed by other windows arrive
 *   through the database's onDidChangeItemsExternal and overwrite the cache (acceptExternal), firing the event
 *   only when the value differs.
 * - src/vs/platform/storage/electron-main (ApplicationStorageMain behind the storage IPC channel): one application
 *   storage in the main process; an updateItems request from one window is applied there and the change is sent
 *   to the windows, the writer included.
 * - src/vs/workbench/api/common/extHostSecrets.ts and browser/mainThreadSecretState.ts: the extension host asks its
 *   window over IPC; onDidChange forwards the window's change events for the extension's keys.
 * So a window reads its own writes at once, and other windows' writes only after the writer's flush delay plus the
 * broadcast: SecretStorage cannot serve as a lock.
 */
import type { ChildProcess } from 'node:child_process';
import type { SecretsLike } from '../../src/core/auth/secretSessionStore';

export interface ItemsChange {
  changed: [string, string][];
  deleted: string[];
}

/** The window's view of the main process's application storage (IStorageDatabase). */
export interface StorageDatabase {
  getItems(): Promise<Map<string, string>>;
  updateItems(change: ItemsChange): Promise<void>;
  onDidChangeItemsExternal(listener: (change: ItemsChange) => void): void;
}

export interface CentralOptions {
  /** Time for a change to travel main process → windows (IPC), default 20 ms. */
  broadcastDelayMs?: number;
}

/** The main process's application storage, shared by every window. */
export class CentralStorage {
  readonly items = new Map<string, string>();
  private readonly windows = new Set<(change: ItemsChange) => void>();
  /** Every update as the main process applied it, for assertions. */
  readonly updates: { at: number; change: ItemsChange }[] = [];

  constructor(private readonly o: CentralOptions = {}) {}

  /** A database for a window in this process. */
  database(): StorageDatabase {
    let listener: ((change: ItemsChange) => void) | undefined;
    const deliver = (change: ItemsChange): void => listener?.(change);
    this.windows.add(deliver);
    return {
      getItems: () => Promise.resolve(new Map(this.items)),
      updateItems: (change) => Promise.resolve(this.apply(change)),
      onDidChangeItemsExternal: (l) => {
        listener = l;
      },
    };
  }

  /** Serves a window that lives in a child process (see childDatabase). */
  serve(child: ChildProcess): void {
    const deliver = (change: ItemsChange): void => {
      if (child.connected) child.send({ storage: 'external', change });
    };
    this.windows.add(deliver);
    child.on('message', (m: { storage?: string; id?: number; change?: ItemsChange }) => {
      if (m.storage === 'getItems') child.send({ storage: 'items', id: m.id, items: [...this.items] });
      if (m.storage === 'update' && m.change) {
        this.apply(m.change);
        child.send({ storage: 'updated', id: m.id });
      }
    });
    child.on('exit', () => this.windows.delete(deliver));
  }

  private apply(change: ItemsChange): void {
    for (const [k, v] of change.changed) this.items.set(k, v);
    for (const k of change.deleted) this.items.delete(k);
    this.updates.push({ at: Date.now(), change });
    const copy: ItemsChange = { changed: [...change.changed], deleted: [...change.deleted] };
    setTimeout(() => {
      for (const deliver of this.windows) deliver(copy);
    }, this.o.broadcastDelayMs ?? 20);
  }
}

/** In a child process: the main process's storage, reached over the IPC channel of child_process.fork. */
export function childDatabase(): StorageDatabase {
  let next = 0;
  const waiting = new Map<number, (m: { items?: [string, string][] }) => void>();
  let external: ((change: ItemsChange) => void) | undefined;
  process.on('message', (m: { storage?: string; id?: number; items?: [string, string][]; change?: ItemsChange }) => {
    if (m.storage === 'external' && m.change) external?.(m.change);
    else if (m.id !== undefined) waiting.get(m.id)?.(m);
  });
  const call = (message: object): Promise<{ items?: [string, string][] }> =>
    new Promise((resolve) => {
      const id = ++next;
      waiting.set(id, (m) => {
        waiting.delete(id);
        resolve(m);
      });
      process.send?.({ ...message, id });
    });
  return {
    getItems: async () => new Map((await call({ storage: 'getItems' })).items ?? []),
    updateItems: async (change) => {
      await call({ storage: 'update', change });
    },
    onDidChangeItemsExternal: (l) => {
      external = l;
    },
  };
}

/** One window's storage: the cache, the pending changes, the delayed flush (VS Code's Storage). */
export class WindowStorage {
  private cache = new Map<string, string>();
  private pendingInserts = new Map<string, string>();
  private pendingDeletes = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(key: string) => void>();

  constructor(
    private readonly db: StorageDatabase,
    private readonly flushDelayMs = 100,
  ) {
    db.onDidChangeItemsExternal((change) => {
      for (const [k, v] of change.changed) this.acceptExternal(k, v);
      for (const k of change.deleted) this.acceptExternal(k, undefined);
    });
  }

  async init(): Promise<void> {
    this.cache = await this.db.getItems();
  }

  get(key: string): string | undefined {
    return this.cache.get(key);
  }

  set(key: string, value: string): void {
    if (this.cache.get(key) === value) return;
    this.cache.set(key, value);
    this.pendingInserts.set(key, value);
    this.pendingDeletes.delete(key);
    this.fire(key);
    this.scheduleFlush();
  }

  delete(key: string): void {
    if (!this.cache.delete(key)) return;
    this.pendingDeletes.add(key);
    this.pendingInserts.delete(key);
    this.fire(key);
    this.scheduleFlush();
  }

  onDidChange(listener: (key: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Writes what is pending now (VS Code does this when the window closes). */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const change: ItemsChange = { changed: [...this.pendingInserts], deleted: [...this.pendingDeletes] };
    this.pendingInserts = new Map();
    this.pendingDeletes = new Set();
    if (change.changed.length || change.deleted.length) await this.db.updateItems(change);
  }

  private scheduleFlush(): void {
    // ThrottledDelayer: the first change schedules the flush; later ones ride along with it.
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, this.flushDelayMs);
  }

  private acceptExternal(key: string, value: string | undefined): void {
    const changed = value === undefined ? this.cache.delete(key) : this.cache.get(key) !== value;
    if (value !== undefined && changed) this.cache.set(key, value);
    if (changed) this.fire(key);
  }

  private fire(key: string): void {
    for (const l of this.listeners) l(key);
  }
}

const PREFIX = 'secret://';

/** vscode.SecretStorage of one extension in one window, on that window's storage. */
export class WindowSecrets implements SecretsLike {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly storage: WindowStorage,
    private readonly extensionId = 'ringcentral-explorer.ringcentral-explorer',
  ) {}

  get(key: string): Promise<string | undefined> {
    return this.queue(key, () => this.storage.get(this.full(key)));
  }

  store(key: string, value: string): Promise<void> {
    return this.queue(key, () => this.storage.set(this.full(key), value));
  }

  delete(key: string): Promise<void> {
    return this.queue(key, () => this.storage.delete(this.full(key)));
  }

  onDidChange(listener: (e: { key: string }) => unknown): { dispose(): void } {
    return this.storage.onDidChange((full) => {
      const prefix = `${PREFIX}${this.extensionId}/`;
      if (full.startsWith(prefix)) listener({ key: full.slice(prefix.length) });
    });
  }

  private full(key: string): string {
    return `${PREFIX}${this.extensionId}/${key}`;
  }

  /** SequencerByKey, and the extension host → window IPC hop that makes every call asynchronous. */
  private queue<T>(key: string, work: () => T): Promise<T> {
    const prev = this.queues.get(key) ?? Promise.resolve();
    const next = prev.then(() => new Promise<T>((resolve) => setImmediate(() => resolve(work()))));
    this.queues.set(key, next.catch(() => undefined));
    return next;
  }
}
