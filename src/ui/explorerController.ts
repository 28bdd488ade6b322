import * as vscode from 'vscode';
import type { Session } from '../core/auth/session';
import type { Redactor } from '../core/redact';
import { ContextKeys, Views } from './ids';
import type { ExplorerModel } from './model/explorerModel';
import type { Notifier } from './notify';
import type { RingCentralService } from './service';
import { StatusBar } from './statusBar';
import { AccountTreeProvider } from './views/accountTree';
import { formatCount, timeOf } from './views/format';
import { PhoneNumberTreeProvider, type PhoneNode } from './views/phoneNumberTree';

/** Owns the views, the status bar and the context keys, and keeps them in step with the session and the model. */
export class ExplorerController implements vscode.Disposable {
  readonly accountTree: AccountTreeProvider;
  readonly phoneTree: PhoneNumberTreeProvider;
  readonly accountView: vscode.TreeView<unknown>;
  readonly phoneView: vscode.TreeView<PhoneNode>;
  readonly statusBar: StatusBar;
  private signedIn = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly service: RingCentralService,
    readonly model: ExplorerModel,
    private readonly notifier: Notifier,
    readonly redactor: Redactor,
  ) {
    this.accountTree = new AccountTreeProvider(model);
    this.phoneTree = new PhoneNumberTreeProvider(model);
    this.accountView = vscode.window.createTreeView(Views.account, { treeDataProvider: this.accountTree });
    this.phoneView = vscode.window.createTreeView(Views.phoneNumbers, { treeDataProvider: this.phoneTree, showCollapseAll: true });
    this.statusBar = new StatusBar(model);
    this.disposables.push(
      this.accountTree,
      this.phoneTree,
      this.accountView,
      this.phoneView,
      this.statusBar,
      model.onDidChange(() => this.renderPhoneView()),
      this.phoneTree.onDidChangeTreeData(() => this.renderPhoneView()),
      service.onDidChangeSession((s) => void this.onSession(s)),
      service.onDidChangeConnection(() => this.watchGates()),
    );
    this.watchGates();
  }

  /** Loads everything with progress in the view; a failure keeps the data shown and reports the error. */
  async refresh(): Promise<void> {
    try {
      await vscode.window.withProgress({ location: { viewId: Views.phoneNumbers } }, (_p, token) =>
        vscode.window.withProgress({ location: { viewId: Views.account } }, () => this.model.load(token)),
      );
    } catch (e) {
      this.notifier.error(e, this.model.data ? 'Refresh failed; showing the data loaded before' : 'Could not load from RingCentral');
    }
  }

  /** The data to act on, loading it first if nothing has been loaded yet. */
  async ensureData(): Promise<NonNullable<ExplorerModel['data']>> {
    if (!this.model.data) await this.refresh();
    const data = this.model.data;
    if (!data) throw this.model.error ?? new Error('Nothing loaded from RingCentral yet.');
    return data;
  }

  setFilter(text: string): void {
    this.phoneTree.setFilter(text);
    void vscode.commands.executeCommand('setContext', ContextKeys.filtered, text.trim() !== '');
  }

  private async onSession(session: Session | undefined): Promise<void> {
    const wasSignedIn = this.signedIn;
    this.signedIn = session !== undefined;
    await vscode.commands.executeCommand('setContext', ContextKeys.signedIn, this.signedIn);
    this.accountTree.setSession(session);
    this.statusBar.setSession(session);
    if (!this.signedIn) {
      this.model.clear();
      return;
    }
    if (!wasSignedIn && !this.model.loading) await this.refresh();
  }

  private gateSubscriptions: (() => void)[] = [];
  private watchGates(): void {
    for (const off of this.gateSubscriptions) off();
    this.gateSubscriptions = [];
    let gates;
    try {
      gates = this.service.client.gates;
    } catch {
      return;
    }
    for (const group of ['Light', 'Medium', 'Heavy', 'Auth'] as const) {
      this.gateSubscriptions.push(gates.get(group).onDidChange((state) => this.statusBar.onGate(state)));
    }
  }

  private renderPhoneView(): void {
    const { shown, total } = this.phoneTree.counts();
    const view = this.phoneView;
    view.title = total > 0 ? `Phone Numbers (${formatCount(total)})` : 'Phone Numbers';
    view.description = this.phoneTree.filter ? `“${this.phoneTree.filter}”: ${formatCount(shown)} of ${formatCount(total)}` : undefined;
    const progress = this.model.progress;
    const data = this.model.data;
    const error = this.model.error;
    if (this.model.loading && progress && progress.page > 0) {
      view.message = `Loading page ${progress.page}${progress.totalPages ? ` of ${progress.totalPages}` : ''} (${formatCount(progress.loaded)} numbers so far)…`;
    } else if (this.model.loading && !data) {
      view.message = 'Loading phone numbers…';
    } else if (error && data) {
      view.message = `Showing numbers loaded ${timeOf(data.loadedAt)}. Refresh failed: ${error.message}`;
    } else if (error) {
      view.message = `${error.message} ${error.hint}`;
    } else if (data && data.skipped > 0) {
      view.message = `${formatCount(data.skipped)} record(s) could not be read and were skipped; see RingCentral: Show Logs.`;
    } else if (data && shown === 0 && total > 0) {
      view.message = 'No phone number matches the filter.';
    } else if (data && total === 0) {
      view.message = 'This account has no phone numbers you can see.';
    } else {
      view.message = undefined;
    }
  }

  dispose(): void {
    for (const off of this.gateSubscriptions) off();
    for (const d of this.disposables) d.dispose();
  }
}
