import * as vscode from 'vscode';
import type { Session } from '../core/auth/session';
import type { KeptScope } from '../core/cache/keptStore';
import type { UserWithNumbers } from '../core/lists/usersWithNumbers';
import type { Redactor } from '../core/redact';
import type { PhoneNumber } from '../core/schemas/phoneNumber';
import { ContextKeys, Views } from './ids';
import type { ExplorerModel } from './model/explorerModel';
import { listMessage } from './model/listMessage';
import { ListModel, type ListSnapshot } from './model/listModel';
import type { Loadable } from './model/loadable';
import type { Notifier } from './notify';
import type { RingCentralService } from './service';
import { StatusBar } from './statusBar';
import { AccountTreeProvider } from './views/accountTree';
import type { ListViewDefinition } from './views/listViewDefinition';
import { LIST_VIEWS } from './views/listViews';
import { ListView } from './views/listView';
import { WaitNotifications } from './views/waitNotification';

/** A list view with what it shows. */
export interface ShownList {
  definition: ListViewDefinition<unknown>;
  view: ListView<unknown>;
  list: ListModel<object>;
  /** The list and the others the view needs; loaded together when it is first shown. */
  needs: readonly Loadable<unknown>[];
}

/**
 * Owns the views, the status bar and the context keys, and keeps them in step with the session and the model.
 * Nothing loads until a view that needs it is shown: a window whose RingCentral views are hidden sends nothing.
 */
export class ExplorerController implements vscode.Disposable {
  readonly accountTree: AccountTreeProvider;
  readonly accountView: vscode.TreeView<unknown>;
  /** Every list view, in manifest order (LIST_VIEWS). */
  readonly lists: readonly ShownList[];
  readonly statusBar: StatusBar;
  readonly waitNotifications: WaitNotifications;
  private signedIn = false;
  private sessionSeen = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly service: RingCentralService,
    readonly model: ExplorerModel,
    private readonly notifier: Notifier,
    readonly redactor: Redactor,
  ) {
    this.accountTree = new AccountTreeProvider(model.account);
    this.accountView = vscode.window.createTreeView(Views.account, { treeDataProvider: this.accountTree });
    this.lists = LIST_VIEWS.map((definition) => {
      const list = definition.list(model);
      const needs = [list, ...(definition.also?.(model) ?? [])];
      const view = new ListView(
        {
          spec: definition.tree(model),
          title: list.descriptor.title,
          needs,
          message: (counts, filter, now) => listMessage({ ...list.messageState(now), ...counts, filter, note: definition.note?.(model, now) }),
          asOf: () => oldestComplete(needs),
          filterContextKey: definition.filterContextKey,
        },
        () => this.shown(needs),
      );
      return { definition, view, list, needs };
    });
    this.statusBar = new StatusBar(model);
    this.waitNotifications = new WaitNotifications(model.lists);
    this.disposables.push(
      this.accountTree,
      this.accountView,
      ...this.lists.map((l) => l.view),
      this.statusBar,
      this.waitNotifications,
      this.accountView.onDidChangeVisibility((e) => {
        if (e.visible) this.shown([model.account]);
      }),
      service.onDidChangeSession((s) => void this.onSession(s)),
    );
  }

  /** The list view with this id. */
  view(viewId: string): ListView<unknown> {
    const found = this.lists.find((l) => l.definition.viewId === viewId);
    if (!found) throw new Error(`no list view ${viewId}`);
    return found.view;
  }

  get phones(): ListView<PhoneNumber> {
    return this.view(Views.phoneNumbers) as ListView<PhoneNumber>;
  }
  get users(): ListView<UserWithNumbers> {
    return this.view(Views.users) as ListView<UserWithNumbers>;
  }
  /** Kept for callers that predate the Users view. */
  get phoneTree(): ListView<PhoneNumber>['provider'] {
    return this.phones.provider;
  }
  get phoneView(): ListView<PhoneNumber>['view'] {
    return this.phones.view;
  }

  /**
   * Loads again whatever is in use (shown now, or loaded before), each part on its own so that rate groups load in
   * parallel. A failure keeps what was shown and reports the error. With nothing in use, opens the views.
   */
  async refresh(): Promise<void> {
    const parts = this.inUse();
    if (parts.length === 0) {
      await vscode.commands.executeCommand(`workbench.view.extension.${Views.container}`);
      return;
    }
    await Promise.all(parts.map((part) => this.loadReporting(part, () => part.load())));
  }

  /**
   * The complete list shown (a kept copy included, even while it is loaded again), loading it first when nothing
   * complete is shown: what exports and reveal work on.
   */
  async ensureList<T extends object>(list: ListModel<T>): Promise<ListSnapshot<T>> {
    if (!list.data && !list.loading) await list.ensure();
    if (!list.data?.complete && list.loading) await list.load();
    // A load that stopped part-way (cancelled, failed) left a partial list: exports need all of it.
    if (!list.data?.complete) await list.load();
    const data = list.data;
    if (!data?.complete) throw list.error ?? new Error(`${list.descriptor.title}: nothing loaded from RingCentral yet.`);
    return data;
  }

  /** The account, loading it first if nothing is shown. */
  async ensureAccount(): Promise<NonNullable<ExplorerModel['account']['data']>> {
    if (!this.model.account.data) await this.model.account.ensure();
    const data = this.model.account.data;
    if (!data) throw this.model.account.error ?? new Error('Nothing loaded from RingCentral yet.');
    return data;
  }

  /** Filters the Phone Numbers view. */
  setFilter(text: string): void {
    this.phones.setFilter(text);
  }

  private inUse(): Loadable<unknown>[] {
    const parts = new Set<Loadable<unknown>>();
    const account = this.model.account;
    if (this.accountView.visible || account.data || account.loading) parts.add(account);
    for (const { view, needs } of this.lists) {
      for (const part of needs) if (view.visible || part.data !== undefined || part.loading) parts.add(part);
    }
    return [...parts];
  }

  /** A view became visible: what it needs loads (kept copy or RingCentral), once. */
  private shown(parts: readonly Loadable<unknown>[]): void {
    if (!this.signedIn) return;
    for (const part of parts) void this.loadReporting(part, () => part.ensure());
  }

  private async loadReporting(part: Loadable<unknown>, run: () => Promise<void>): Promise<void> {
    const had = part.data !== undefined;
    try {
      await run();
    } catch (e) {
      const what = part instanceof ListModel ? part.descriptor.title : 'the account';
      // A view that shows older data says so in its message; only a view left empty needs a notification.
      if (!had || part.data === undefined) this.notifier.error(e, `Could not load ${what} from RingCentral`);
      else this.notifier.error(e, `Refresh failed (${what}); showing the data loaded before`);
    }
  }

  private async onSession(session: Session | undefined): Promise<void> {
    const first = !this.sessionSeen;
    this.sessionSeen = true;
    this.signedIn = session !== undefined;
    await vscode.commands.executeCommand('setContext', ContextKeys.signedIn, this.signedIn);
    this.accountTree.setSession(session);
    this.statusBar.setSession(session);
    const before = this.model.scope;
    const scope: KeptScope | undefined = session ? { server: session.server, owner: session.ownerId ?? '' } : undefined;
    if (!this.model.setScope(scope) && !first) return;
    const server = this.currentServer();
    // Signed out (here or in another window) on the same server: what was kept for it goes. A changed server
    // setting is not a sign-out: the other server's lists stay for when it is chosen again.
    if (!session && server !== undefined && (before?.server === server || (first && (await this.service.session()) === undefined))) {
      await this.model.forgetKept(server);
    }
    if (!session) return;
    if (this.accountView.visible) this.shown([this.model.account]);
    for (const { view, needs } of this.lists) if (view.visible) this.shown(needs);
  }

  private currentServer(): string | undefined {
    try {
      return this.service.settings.server;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** When the oldest of the complete lists a view shows was received; undefined until they all are. */
function oldestComplete(needs: readonly Loadable<unknown>[]): number | undefined {
  let oldest: number | undefined;
  for (const part of needs) {
    if (!(part instanceof ListModel)) continue;
    const data = part.data;
    if (!data?.complete) return undefined;
    oldest = oldest === undefined ? data.asOf : Math.min(oldest, data.asOf);
  }
  return oldest;
}
