import * as path from 'node:path';
import * as vscode from 'vscode';
import { KeptStore, type KeptScope } from '../../core/cache/keptStore';
import type { ListDescriptor } from '../../core/lists/listDescriptor';
import { extensionList } from '../../core/lists/extensionList';
import { phoneNumberList } from '../../core/lists/phoneNumberList';
import { joinUsersWithNumbers, type UsersWithNumbers } from '../../core/lists/usersWithNumbers';
import type { Redactor } from '../../core/redact';
import type { GateState } from '../../core/rateLimit/rateGate';
import type { ExtensionInfo } from '../../core/schemas/extension';
import type { PhoneNumber } from '../../core/schemas/phoneNumber';
import { affectsListSettings, readListSettings } from '../listSettings';
import type { ChannelLogger } from '../log';
import type { RingCentralService } from '../service';
import { AccountModel } from './accountModel';
import { ListModel, type ListEnvironment, type ListSnapshot } from './listModel';

/**
 * Everything loaded from RingCentral for the signed-in user: the account, and one model per list. Each loads on
 * its own when a view first needs it, so different rate groups load in parallel. Also owns the kept copies on
 * disk (global storage, per server and user) and routes the rate gates' news to the lists they hold.
 */
export class ExplorerModel implements vscode.Disposable {
  readonly account: AccountModel;
  readonly keptStore: KeptStore;
  private readonly env: ListEnvironment;
  private readonly listModels = new Map<string, ListModel<object>>();
  private _scope: KeptScope | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Any part changed (data, loading, progress, a wait). */
  readonly onDidChange = this.emitter.event;
  private readonly gateEmitter = new vscode.EventEmitter<GateState>();
  /** A rate gate changed state (a penalty began or ended, requests held or released). */
  readonly onDidChangeGate = this.gateEmitter.event;
  private unsubscribeGates: (() => void) | undefined;
  private joined: { numbers: ListSnapshot<PhoneNumber>; extensions: ListSnapshot<ExtensionInfo>; length: [number, number]; result: UsersWithNumbers } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly service: RingCentralService,
    private readonly logger: ChannelLogger,
    private readonly redactor: Redactor,
    globalStorageDir: string,
  ) {
    this.keptStore = new KeptStore(path.join(globalStorageDir, 'kept-lists'));
    this.env = {
      api: () => service.api,
      pageSize: () => service.settings.pageSize,
      logger,
      kept: () => {
        const settings = readListSettings();
        return settings.keepOnDisk && this._scope ? { store: this.keptStore, scope: this._scope, maxAgeMs: settings.maxAgeMs } : undefined;
      },
      secrets: () => redactor.known(),
      now: () => Date.now(),
    };
    this.account = new AccountModel(this.env);
    this.disposables.push(this.account, this.account.onDidChange(() => this.emitter.fire()));
    this.disposables.push(
      this.emitter,
      this.gateEmitter,
      service.onDidChangeConnection(() => this.watchGates()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsListSettings(e) && !readListSettings().keepOnDisk) void this.forgetAllKept();
      }),
    );
    this.watchGates();
  }

  /** The model of a list, made the first time it is asked for: one per descriptor. */
  list<T extends object>(descriptor: ListDescriptor<T>): ListModel<T> {
    let model = this.listModels.get(descriptor.id);
    if (!model) {
      const created = new ListModel(descriptor, this.env);
      model = created;
      this.listModels.set(descriptor.id, model);
      this.disposables.push(created, created.onDidChange(() => this.emitter.fire()));
    }
    return model as unknown as ListModel<T>;
  }

  get phoneNumbers(): ListModel<PhoneNumber> {
    return this.list(phoneNumberList);
  }

  get extensions(): ListModel<ExtensionInfo> {
    return this.list(extensionList);
  }

  /** Every list made so far. */
  get lists(): readonly ListModel<object>[] {
    return [...this.listModels.values()];
  }

  /** Whose data is shown (server and signed-in user); undefined when signed out. */
  get scope(): KeptScope | undefined {
    return this._scope;
  }

  /** Another user or server: everything shown belongs to the previous one and goes. Returns whether it changed. */
  setScope(scope: KeptScope | undefined): boolean {
    if (this._scope?.server === scope?.server && this._scope?.owner === scope?.owner) return false;
    this._scope = scope;
    this.clear();
    return true;
  }

  /** Extensions joined with the company numbers; recomputed only when either list changed. */
  users(): UsersWithNumbers | undefined {
    const extensions = this.extensions.data;
    if (!extensions) return undefined;
    // The join waits for nothing: until the numbers arrive, every extension is shown without numbers.
    const numbers = this.phoneNumbers.data ?? { records: [], asOf: 0, source: 'server', skipped: 0, complete: false };
    const j = this.joined;
    if (j && j.numbers === numbers && j.extensions === extensions && j.length[0] === numbers.records.length && j.length[1] === extensions.records.length) return j.result;
    const result = joinUsersWithNumbers(extensions.records, numbers.records);
    this.joined = { numbers, extensions, length: [numbers.records.length, extensions.records.length], result };
    return result;
  }

  clear(): void {
    this.joined = undefined;
    for (const part of this.parts()) part.clear();
  }

  /** Deletes what was kept for `server` (signed out, credentials forgotten), after any write in progress. */
  async forgetKept(server: string): Promise<void> {
    await Promise.all(this.lists.map((l) => l.keeping));
    try {
      await this.keptStore.forgetServer(server);
      this.logger.info(`Deleted the lists kept on disk for ${server}.`);
    } catch (e) {
      this.logger.warn(`Could not delete the lists kept on disk for ${server}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async forgetAllKept(): Promise<void> {
    try {
      await this.keptStore.forgetAll();
      this.logger.info('Keeping lists on disk is off: deleted the kept lists.');
    } catch (e) {
      this.logger.warn(`Could not delete the kept lists: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private parts(): (AccountModel | ListModel<object>)[] {
    return [this.account, ...this.lists];
  }

  private watchGates(): void {
    this.unsubscribeGates?.();
    this.unsubscribeGates = undefined;
    let gates;
    try {
      gates = this.service.rateLimits;
    } catch {
      return; // no connection (a settings problem): nothing to watch until there is one
    }
    this.unsubscribeGates = gates.onDidChange((state) => {
      for (const list of this.lists) list.onGate(state);
      this.gateEmitter.fire(state);
    });
  }

  dispose(): void {
    this.unsubscribeGates?.();
    for (const d of this.disposables) d.dispose();
  }
}
