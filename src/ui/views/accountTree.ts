import * as vscode from 'vscode';
import { sessionEndsAt, type Session } from '../../core/auth/session';
import { ContextValues } from '../ids';
import type { AccountModel } from '../model/accountModel';
import { recordTooltip, timeOf } from './format';

export interface AccountRow {
  key: string;
  label: string;
  value: string;
  icon: string;
  tooltip?: vscode.MarkdownString | string;
}

/** The account, the signed-in user and the session, one row each; a note on top when the data is stale. */
export class AccountTreeProvider implements vscode.TreeDataProvider<AccountRow>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<AccountRow | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private session: Session | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: AccountModel) {
    this.subscription = model.onDidChange(() => this.emitter.fire(undefined));
  }

  setSession(session: Session | undefined): void {
    this.session = session;
    this.emitter.fire(undefined);
  }

  getChildren(row?: AccountRow): AccountRow[] {
    return row ? [] : this.rows();
  }

  getTreeItem(row: AccountRow): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = `account:${row.key}`;
    item.description = row.value;
    item.iconPath = new vscode.ThemeIcon(row.icon);
    item.tooltip = row.tooltip ?? `${row.label}: ${row.value}`;
    item.contextValue = ContextValues.accountField;
    return item;
  }

  rows(): AccountRow[] {
    const rows: AccountRow[] = [];
    const { data, error } = this.model;
    if (error && data) {
      rows.push({ key: 'stale', label: 'Showing data from', value: `${timeOf(data.loadedAt)} — refresh failed`, icon: 'warning', tooltip: `${error.message}\n${error.hint}` });
    }
    if (data) {
      const a = data.account;
      const me = data.me;
      const brand = a.serviceInfo?.brand?.name;
      const company = me.contact?.company;
      rows.push({ key: 'company', label: company ? 'Company' : 'Brand', value: [company, brand].filter(Boolean).join(' · ') || '—', icon: 'organization', tooltip: recordTooltip('Account', a) });
      rows.push({ key: 'id', label: 'Account ID', value: String(a.id), icon: 'key' });
      rows.push({ key: 'mainNumber', label: 'Main number', value: a.mainNumber ?? '—', icon: 'call-outgoing' });
      rows.push({ key: 'status', label: 'Status', value: a.status ?? '—', icon: a.status === 'Confirmed' ? 'pass' : 'info' });
      const plan = a.serviceInfo?.servicePlan;
      rows.push({ key: 'plan', label: 'Service plan', value: [plan?.name, plan?.edition].filter(Boolean).join(' · ') || '—', icon: 'package' });
      const tz = a.regionalSettings?.timezone;
      rows.push({ key: 'timezone', label: 'Time zone', value: tz?.description ?? tz?.name ?? '—', icon: 'globe' });
      const admin = me.permissions?.admin?.enabled === true;
      rows.push({
        key: 'user',
        label: 'Signed in as',
        value: `${me.name ?? me.contact?.email ?? 'unknown'}${me.extensionNumber ? ` (ext. ${me.extensionNumber})` : ''}${admin ? ' · admin' : ''}`,
        icon: admin ? 'shield' : 'person',
        tooltip: recordTooltip('Signed-in user', me),
      });
    }
    if (this.session) {
      const ends = sessionEndsAt(this.session);
      rows.push({ key: 'session', label: 'Session ends', value: timeOf(ends), icon: 'clock', tooltip: `Access token renewed automatically; valid until ${timeOf(this.session.accessTokenExpiresAt)}.\nThe session ends ${timeOf(ends)} if it is not used before then.` });
    }
    if (!data && this.model.loading) rows.push({ key: 'loading', label: 'Loading…', value: '', icon: 'loading~spin' });
    if (!data && error && !this.model.loading) rows.push({ key: 'error', label: 'Could not load', value: error.message, icon: 'error', tooltip: `${error.message}\n${error.hint}` });
    return rows;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
