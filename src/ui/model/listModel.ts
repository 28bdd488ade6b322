import type { RingCentralApi } from '../../core/api/ringCentralApi';
import type { KeptScope, KeptStore } from '../../core/cache/keptStore';
import { readKeptList, writeKeptList } from '../../core/lists/keptList';
import type { ListDescriptor } from '../../core/lists/listDescriptor';
import type { Logger } from '../../core/logger';
import type { GateState } from '../../core/rateLimit/rateGate';
import type { ListMessageInput } from './listMessage';
import { Loadable, type DataSource, type KeptOutcome } from './loadable';

/** What a list view shows. */
export interface ListSnapshot<T> {
  /** The server's own records (every field, server order), the valid ones. */
  records: T[];
  /** When they were received (a kept copy: when the window that kept it received them). */
  asOf: number;
  source: DataSource;
  /** Records the server sent that failed validation and were skipped. */
  skipped: number;
  /** False while the first load of this list is still paging (its pages are shown as they arrive). */
  complete: boolean;
}

export interface LoadProgress {
  /** Pages received so far. */
  page: number;
  totalPages: number | undefined;
  loaded: number;
}

/** What a list model needs from the rest of the extension. */
export interface ListEnvironment {
  /** The client of the current connection; throws the settings problem when there is none. */
  api(): RingCentralApi;
  pageSize(): number;
  logger: Logger;
  /** Where and for whom to keep lists on disk; undefined when keeping is off or nobody is signed in. */
  kept(): { store: KeptStore; scope: KeptScope; maxAgeMs: number } | undefined;
  /** The session's secrets: a kept file that contained one would not be written. */
  secrets(): readonly string[];
  now(): number;
}

/**
 * One RingCentral list as a unit: loads it through the generic paged `list()`, shows its pages as they arrive on
 * a first load, keeps the last complete copy on screen during a reload and after a failure, keeps it on disk for
 * other windows, and says when the rate gate holds its next page.
 */
export class ListModel<T extends object> extends Loadable<ListSnapshot<T>> {
  private _progress: LoadProgress | undefined;
  private _wait: GateState | undefined;
  private ticker: NodeJS.Timeout | undefined;

  constructor(
    readonly descriptor: ListDescriptor<T>,
    private readonly env: ListEnvironment,
  ) {
    super();
  }

  get progress(): LoadProgress | undefined {
    return this._progress;
  }

  /** While a load is held by the rate gate: the gate's state (when the next request may leave, and why). */
  get wait(): GateState | undefined {
    return this._wait;
  }

  /** What the view message needs from this list (see listMessage). */
  messageState(now: number): Pick<ListMessageInput, 'noun' | 'now' | 'loading' | 'progress' | 'wait' | 'data' | 'error'> {
    const data = this._data;
    return {
      noun: this.descriptor.noun,
      now,
      loading: this.loading,
      progress: this._progress,
      wait: this._wait,
      data: data ? { asOf: data.asOf, complete: data.complete, skipped: data.skipped } : undefined,
      error: this._error,
    };
  }

  /** A rate gate changed; if it is this list's group and it holds a request while this list loads, say so. */
  onGate(state: GateState): void {
    if (state.group !== this.descriptor.group) return;
    const held = this.loading && state.waiting > 0 && state.nextAt !== undefined;
    const before = this._wait;
    this._wait = held ? state : undefined;
    if (held && !this.ticker) {
      // The countdown ("next page in 42 s") moves every second while nothing else changes.
      this.ticker = setInterval(() => this.emitter.fire(), 1000);
    } else if (!held) this.stopTicker();
    if (held || before) this.emitter.fire();
  }

  protected override loadEnded(): void {
    this._progress = undefined;
    this._wait = undefined;
    this.stopTicker();
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  protected async fromKept(generation: number): Promise<KeptOutcome> {
    const kept = this.env.kept();
    if (!kept) return 'none';
    const { title } = this.descriptor;
    try {
      const read = await readKeptList(kept.store, kept.scope, this.descriptor);
      if (generation !== this.generation || this._data !== undefined) return 'fresh';
      if (read.kind === 'unreadable') this.env.logger.warn(`The kept copy of ${title} was not used and is deleted: ${read.reason}. Loading it from RingCentral.`);
      if (read.kind !== 'found') return 'none';
      const { records, skipped, savedAt } = read.list;
      this._data = { records, asOf: savedAt, source: 'kept', skipped, complete: true };
      this.emitter.fire();
      const age = this.env.now() - savedAt;
      const stale = age > kept.maxAgeMs || age < -60_000;
      this.env.logger.info(`${title}: showing the kept copy of ${records.length} records from ${new Date(savedAt).toISOString()}${stale ? '; it is older than ringcentral.lists.maxAgeMinutes, loading it again' : ''}.`);
      return stale ? 'stale' : 'fresh';
    } catch (e) {
      this.env.logger.warn(`The kept copy of ${title} could not be read (${e instanceof Error ? e.message : String(e)}); loading it from RingCentral.`);
      return 'none';
    }
  }

  protected async fetch(signal: AbortSignal, generation: number): Promise<void> {
    const { descriptor, env } = this;
    const api = env.api();
    const records: T[] = [];
    let skipped = 0;
    // Only a list with nothing complete on screen shows its pages as they arrive; otherwise the old one stays whole.
    const progressive = !this._data?.complete;
    this._progress = { page: 0, totalPages: undefined, loaded: 0 };
    const started = env.now();
    for await (const page of api.list(descriptor, { perPage: env.pageSize() }, { signal })) {
      if (generation !== this.generation) return;
      for (const r of page.records) records.push(r);
      skipped += page.invalid.length;
      for (const bad of page.invalid) env.logger.warn(`${descriptor.title}: record ${bad.index + 1} of page ${page.index} skipped (${bad.issues}).`);
      this._progress = { page: page.index, totalPages: page.totalPages, loaded: records.length };
      if (progressive) this._data = { records, asOf: started, source: 'server', skipped, complete: false };
      this.emitter.fire();
    }
    if (signal.aborted || generation !== this.generation) return;
    const snapshot: ListSnapshot<T> = { records, asOf: env.now(), source: 'server', skipped, complete: true };
    this._data = snapshot;
    this._error = undefined;
    this.keeping = this.keep(snapshot, generation);
  }

  /** The last write of the kept copy (tests and sign-out wait for it). */
  keeping: Promise<void> = Promise.resolve();

  private async keep(snapshot: ListSnapshot<T>, generation: number): Promise<void> {
    const kept = this.env.kept();
    if (!kept) return;
    try {
      await writeKeptList(kept.store, kept.scope, this.descriptor, { records: snapshot.records, skipped: snapshot.skipped, savedAt: snapshot.asOf }, this.env.secrets());
      // Signed out while writing: the folder may have been deleted before this file landed in it.
      if (generation !== this.generation) await kept.store.remove(kept.scope, this.descriptor.id);
    } catch (e) {
      this.env.logger.warn(`${this.descriptor.title} could not be kept on disk: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  override dispose(): void {
    this.stopTicker();
    super.dispose();
  }
}
