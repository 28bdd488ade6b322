import * as vscode from 'vscode';
import type { AccountInfo } from '../../core/schemas/account';
import type { ExtensionInfo } from '../../core/schemas/extension';
import type { PhoneNumber } from '../../core/schemas/phoneNumber';
import type { RingCentralError } from '../../core/errors';
import type { RingCentralService } from '../service';
import { toRingCentralError } from '../notify';

export interface LoadProgress {
  page: number;
  totalPages: number | undefined;
  loaded: number;
}

export interface ExplorerData {
  account: AccountInfo;
  me: ExtensionInfo;
  numbers: PhoneNumber[];
  /** Records the server sent that failed validation and were skipped. */
  skipped: number;
  loadedAt: number;
}

/**
 * The account and phone numbers last loaded. A failed refresh keeps the previous data and records the error, so
 * the views show stale data with a note instead of going blank.
 */
export class ExplorerModel implements vscode.Disposable {
  private _data: ExplorerData | undefined;
  private _error: RingCentralError | undefined;
  private _progress: LoadProgress | undefined;
  private inflight: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly service: RingCentralService) {}

  get data(): ExplorerData | undefined {
    return this._data;
  }
  get error(): RingCentralError | undefined {
    return this._error;
  }
  get progress(): LoadProgress | undefined {
    return this._progress;
  }
  get loading(): boolean {
    return this.inflight !== undefined;
  }

  /** Loads everything; concurrent calls share one load. Rejects with the error after recording it. */
  load(token?: vscode.CancellationToken): Promise<void> {
    if (!this.inflight) {
      const ctl = new AbortController();
      const sub = token?.onCancellationRequested(() => ctl.abort());
      const run: Promise<void> = this.fetchAll(ctl.signal).finally(() => {
        sub?.dispose();
        if (this.inflight !== run) return;
        this.inflight = undefined;
        this.abort = undefined;
        this._progress = undefined;
        this.emitter.fire();
      });
      this.inflight = run;
      this.abort = ctl;
    }
    this.emitter.fire();
    return this.inflight;
  }

  /** Forgets everything and stops a load in progress (signed out, or another server). */
  clear(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.inflight = undefined;
    this._progress = undefined;
    this._data = undefined;
    this._error = undefined;
    this.emitter.fire();
  }

  private async fetchAll(signal: AbortSignal): Promise<void> {
    try {
      const api = this.service.api;
      const [account, me] = await Promise.all([api.account({ signal }), api.me({ signal })]);
      const numbers: PhoneNumber[] = [];
      let skipped = 0;
      this._progress = { page: 0, totalPages: undefined, loaded: 0 };
      for await (const page of api.phoneNumbers({}, { perPage: this.service.settings.pageSize }, { signal })) {
        for (const n of page.numbers) numbers.push(n);
        skipped += page.invalid.length;
        this._progress = { page: page.index, totalPages: page.totalPages, loaded: numbers.length };
        this.emitter.fire();
      }
      if (signal.aborted) return;
      this._data = { account, me, numbers, skipped, loadedAt: Date.now() };
      this._error = undefined;
    } catch (e) {
      if (signal.aborted) return;
      this._error = toRingCentralError(e);
      throw this._error;
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
