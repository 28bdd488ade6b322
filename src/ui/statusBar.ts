import * as vscode from 'vscode';
import type { Session } from '../core/auth/session';
import { sessionEndsAt } from '../core/auth/session';
import type { GateState } from '../core/rateLimit/rateGate';
import { Commands, Views } from './ids';
import type { ExplorerModel } from './model/explorerModel';
import { rateWaitText, secondsText } from './model/rateWait';
import { timeOf } from './views/format';

/** Who is signed in, what is loading, and why a load waits (rate limit, penalty), in one status bar item. */
export class StatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private session: Session | undefined;
  private penalty: GateState | undefined;
  private penaltyTimer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly model: ExplorerModel) {
    this.item = vscode.window.createStatusBarItem('ringcentral.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'RingCentral';
    this.subscriptions = [model.onDidChange(() => this.render()), model.onDidChangeGate((s) => this.onGate(s))];
    this.render();
    this.item.show();
  }

  setSession(session: Session | undefined): void {
    this.session = session;
    this.render();
  }

  /** A gate's state changed; a penalty shows until it ends. */
  onGate(state: GateState): void {
    if (state.penaltyUntil === undefined) return;
    if (this.penalty?.penaltyUntil !== undefined && this.penalty.penaltyUntil >= state.penaltyUntil) return;
    this.penalty = state;
    clearTimeout(this.penaltyTimer);
    this.penaltyTimer = setTimeout(() => {
      this.penalty = undefined;
      this.render();
    }, Math.max(0, state.penaltyUntil - Date.now()));
    this.render();
  }

  private render(): void {
    const item = this.item;
    item.backgroundColor = undefined;
    if (!this.session) {
      item.text = '$(sign-in) RingCentral';
      item.tooltip = 'Sign in to RingCentral';
      item.command = Commands.signIn;
      return;
    }
    item.command = `workbench.view.extension.${Views.container}`;
    const now = Date.now();
    const me = this.model.account.data?.me;
    const who = me ? `${me.name ?? 'RingCentral'}${me.extensionNumber ? ` (${me.extensionNumber})` : ''}` : 'RingCentral';
    const company = me?.contact?.company ?? this.model.account.data?.account.serviceInfo?.brand?.name;
    const ends = `Session ends ${timeOf(sessionEndsAt(this.session))}`;
    const waiting = this.model.lists.find((l) => l.wait !== undefined);
    const waitLine = waiting?.wait ? `Loading ${waiting.descriptor.title}: ${rateWaitText(waiting.wait, now)}.` : undefined;
    if (this.penalty?.penaltyUntil !== undefined) {
      const until = new Date(this.penalty.penaltyUntil).toLocaleTimeString();
      item.text = `$(warning) RingCentral: rate limited until ${until}`;
      item.tooltip = `RingCentral's ${this.penalty.group} rate limit was exceeded. Requests of that group wait until ${until}; nothing is sent before then, because a request during the penalty restarts it.${waitLine ? `\n${waitLine}` : ''}`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      return;
    }
    if (waiting?.wait) {
      item.text = `$(watch) ${who}: ${waiting.descriptor.title}, rate limit ${waiting.wait.group} ${waiting.wait.nextAt !== undefined ? secondsText(waiting.wait.nextAt - now) : ''}`.trimEnd();
      item.tooltip = `${waitLine} ${ends}.`;
      return;
    }
    const loading = this.model.lists.find((l) => l.loading);
    if (loading || this.model.account.loading) {
      const p = loading?.progress;
      const pages = p && p.page > 0 ? `: ${loading.descriptor.title} page ${p.page}${p.totalPages ? ` of ${p.totalPages}` : ''}` : '';
      item.text = `$(sync~spin) ${who}${pages}`;
      item.tooltip = `Loading from RingCentral… ${ends}`;
      return;
    }
    item.text = `$(account) ${who}${company ? ` · ${company}` : ''}`;
    item.tooltip = `Signed in to RingCentral${company ? ` (${company})` : ''}. ${ends}.`;
  }

  dispose(): void {
    clearTimeout(this.penaltyTimer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
