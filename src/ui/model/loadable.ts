import * as vscode from 'vscode';
import type { RingCentralError } from '../../core/errors';
import { toRingCentralError } from '../notify';

/** Where shown data came from: this window's load, or the copy kept on disk by an earlier one. */
export type DataSource = 'server' | 'kept';

/** What a kept copy offered when a view was first shown. */
export type KeptOutcome = 'fresh' | 'stale' | 'none';

/**
 * Something loaded from RingCentral and shown: one list, or the account. Loads on first show (`ensure`), again on
 * `load`; concurrent loads share one; a failed load keeps what was shown and records the error; `clear` (signed
 * out, another user) forgets everything and stops a load in progress, and nothing from before it lands afterwards.
 */
export abstract class Loadable<D> implements vscode.Disposable {
  protected _data: D | undefined;
  protected _error: RingCentralError | undefined;
  /** Bumped by `clear`: async work started before compares it and drops its result. */
  protected generation = 0;
  private inflight: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private ensuring: Promise<void> | undefined;
  protected readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  get data(): D | undefined {
    return this._data;
  }
  get error(): RingCentralError | undefined {
    return this._error;
  }
  get loading(): boolean {
    return this.inflight !== undefined;
  }

  /**
   * The first time it is needed: the kept copy if there is one (loaded again in the background when it is older
   * than the setting allows), otherwise a load. Does nothing when data is there or on its way.
   */
  ensure(): Promise<void> {
    if (this.inflight) return this.inflight;
    if (this._data !== undefined) return Promise.resolve();
    this.ensuring ??= this.fromKeptOrServer().finally(() => {
      this.ensuring = undefined;
    });
    return this.ensuring;
  }

  /** Loads from RingCentral; concurrent calls share one load. Rejects with the error after recording it. */
  load(token?: vscode.CancellationToken): Promise<void> {
    if (!this.inflight) {
      const ctl = new AbortController();
      const generation = this.generation;
      const run: Promise<void> = this.fetch(ctl.signal, generation)
        .catch((e: unknown) => {
          if (ctl.signal.aborted || generation !== this.generation) return;
          this._error = toRingCentralError(e);
          throw this._error;
        })
        .finally(() => {
          if (this.inflight !== run) return;
          this.inflight = undefined;
          this.abort = undefined;
          this.loadEnded();
          this.emitter.fire();
        });
      this.inflight = run;
      this.abort = ctl;
    }
    const run = this.inflight;
    if (token) {
      const sub = token.onCancellationRequested(() => this.cancel());
      const done = (): void => {
        sub.dispose();
      };
      run.then(done, done);
    }
    this.emitter.fire();
    return run;
  }

  /** Stops the load in progress; what was shown stays. */
  cancel(): void {
    this.abort?.abort();
  }

  /** Forgets everything and stops a load in progress. */
  clear(): void {
    this.generation++;
    this.abort?.abort();
    this.abort = undefined;
    this.inflight = undefined;
    this.ensuring = undefined;
    this._data = undefined;
    this._error = undefined;
    this.loadEnded();
    this.emitter.fire();
  }

  private async fromKeptOrServer(): Promise<void> {
    const generation = this.generation;
    const kept = await this.fromKept(generation);
    if (generation !== this.generation || this.inflight) return this.inflight;
    if (kept === 'none') return this.load();
    // A stale kept copy is on screen already: the new load replaces it when it is complete, and a failure of it
    // shows in the view's message ("Refresh failed") over the kept copy, which stays.
    if (kept === 'stale') this.load().catch(() => undefined);
  }

  /** Shows the kept copy, if any, and says how old it is. */
  protected abstract fromKept(generation: number): Promise<KeptOutcome>;
  /** One load from RingCentral; sets `_data` when complete (and `generation` still matches). */
  protected abstract fetch(signal: AbortSignal, generation: number): Promise<void>;
  /** A load ended, however: drop its progress. */
  protected loadEnded(): void {}

  dispose(): void {
    this.abort?.abort();
    this.emitter.dispose();
  }
}
