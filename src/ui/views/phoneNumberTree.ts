import * as vscode from 'vscode';
import type { PhoneNumber } from '../../core/schemas/phoneNumber';
import { ContextValues } from '../ids';
import type { ExplorerModel } from '../model/explorerModel';
import { formatCount, humanize, recordTooltip } from './format';

export type PhoneNode = { kind: 'group'; usageType: string; numbers: PhoneNumber[] } | { kind: 'number'; number: PhoneNumber };

/** Usage types in the order an admin looks for them; anything newer follows alphabetically. */
const GROUP_ORDER = ['MainCompanyNumber', 'AdditionalCompanyNumber', 'CompanyNumber', 'DirectNumber', 'CompanyFaxNumber', 'ForwardedNumber', 'ForwardedCompanyNumber', 'ContactCenterNumber', 'ConferencingNumber', 'MeetingsNumber', 'BusinessMobileNumber'];

/** Phone numbers grouped by usage type, narrowed by the filter text. */
export class PhoneNumberTreeProvider implements vscode.TreeDataProvider<PhoneNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<PhoneNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private filterText = '';
  private groups: PhoneNode[] = [];
  private shown = 0;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: ExplorerModel) {
    this.subscription = model.onDidChange(() => this.rebuild());
    this.rebuild();
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.rebuild();
  }

  /** How many numbers the view shows (after the filter) and holds. */
  counts(): { shown: number; total: number } {
    return { shown: this.shown, total: this.model.data?.numbers.length ?? 0 };
  }

  getChildren(node?: PhoneNode): PhoneNode[] {
    if (!node) return this.groups;
    return node.kind === 'group' ? node.numbers.map((number) => ({ kind: 'number', number })) : [];
  }

  getTreeItem(node: PhoneNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(humanize(node.usageType), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.usageType}`;
      item.description = formatCount(node.numbers.length);
      item.contextValue = ContextValues.usageGroup;
      item.iconPath = new vscode.ThemeIcon(node.usageType.includes('Fax') ? 'file-media' : node.usageType.includes('Main') ? 'home' : 'symbol-numeric');
      return item;
    }
    const n = node.number;
    const item = new vscode.TreeItem(n.phoneNumber, vscode.TreeItemCollapsibleState.None);
    item.id = `number:${String(n.id)}`;
    // Company-level numbers have no extension by design; only a direct number without one is unassigned.
    const ext = n.extension?.extensionNumber ? `ext. ${n.extension.extensionNumber}` : n.usageType === 'DirectNumber' ? 'unassigned' : undefined;
    item.description = [ext, n.label, n.status].filter(Boolean).join(' · ');
    item.tooltip = recordTooltip(n.phoneNumber, n);
    item.contextValue = ContextValues.phoneNumber;
    item.iconPath = new vscode.ThemeIcon(n.status && n.status !== 'Normal' ? 'warning' : 'call-outgoing');
    return item;
  }

  private rebuild(): void {
    const numbers = this.model.data?.numbers ?? [];
    const match = matcher(this.filterText);
    const byType = new Map<string, PhoneNumber[]>();
    let shown = 0;
    for (const n of numbers) {
      if (!match(n)) continue;
      const type = n.usageType ?? 'Other';
      let list = byType.get(type);
      if (!list) byType.set(type, (list = []));
      list.push(n);
      shown++;
    }
    const rank = (t: string): number => (GROUP_ORDER.includes(t) ? GROUP_ORDER.indexOf(t) : GROUP_ORDER.length);
    this.groups = [...byType.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([usageType, list]) => ({ kind: 'group', usageType, numbers: list }));
    this.shown = shown;
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** Case-insensitive text match over the fields people search by; digits also match ignoring punctuation. */
export function matcher(filter: string): (n: PhoneNumber) => boolean {
  const text = filter.toLowerCase();
  if (!text) return () => true;
  const digits = text.replace(/\D/g, '');
  return (n) => {
    const fields = [n.phoneNumber, n.label, n.usageType, n.status, n.type, n.paymentType, n.extension?.extensionNumber, n.extension?.name, n.location];
    if (fields.some((f) => typeof f === 'string' && f.toLowerCase().includes(text))) return true;
    return digits.length >= 3 && digits.length === text.replace(/[\s()+-]/g, '').length && n.phoneNumber.replace(/\D/g, '').includes(digits);
  };
}
