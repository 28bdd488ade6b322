import * as vscode from 'vscode';
import { textMatcher } from '../../core/lists/textFilter';
import { Commands, ContextValues } from '../ids';
import { formatCount } from './format';
import { FIRST_ROWS, limitToShow, rowWindow, showMore, sizeOf, type RowGroup } from './listGroups';

export interface GroupNode<R> {
  kind: 'group';
  group: RowGroup<R>;
  parent: GroupNode<R> | undefined;
  size: number;
}
export interface RowNode<R> {
  kind: 'row';
  row: R;
  parent: GroupNode<R>;
}
/** "Show more": the rows of a large group come in pages, so that the view stays responsive. */
export interface MoreNode<R> {
  kind: 'more';
  /** The tree it belongs to, which the "Show more" command asks for the next part. */
  tree: { showMore(node: MoreNode<R>): void };
  parent: GroupNode<R>;
  shown: number;
  total: number;
  more: number;
}
export type ListNode<R> = GroupNode<R> | RowNode<R> | MoreNode<R>;

/** How one list view turns its rows into a tree. */
export interface ListTreeSpec<R> {
  readonly viewId: string;
  /** Every row, or undefined when nothing is loaded. */
  rows(): readonly R[] | undefined;
  key(row: R): string;
  /** What the filter searches: text fields, and phone numbers matched by their digits. */
  search(row: R): { texts: readonly unknown[]; numbers: readonly string[] };
  /** The top-level groups of the rows the filter let through. */
  groups(rows: R[]): RowGroup<R>[];
  rowItem(row: R): vscode.TreeItem;
  /** Icon, tooltip and expansion of a group's item. */
  decorateGroup?(group: RowGroup<R>, item: vscode.TreeItem, depth: number): void;
}

/**
 * A list as a tree: groups (and subgroups) of rows, narrowed by a filter that always searches every row, with a
 * "Show more" row in groups too large to send to the workbench at once. Nodes keep their identity between calls
 * until the rows change, as `TreeView.reveal` requires.
 */
export class ListTreeProvider<R> implements vscode.TreeDataProvider<ListNode<R>>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ListNode<R> | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private filterText = '';
  private dirty = true;
  private roots: GroupNode<R>[] = [];
  private shown = 0;
  private total = 0;
  /** Rows a group shows, by group key; kept across rebuilds so a reload does not fold what the user opened. */
  private readonly limits = new Map<string, number>();
  private rowNodes = new Map<string, Map<string, RowNode<R>>>();

  constructor(readonly spec: ListTreeSpec<R>) {}

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.limits.clear();
    this.invalidate();
  }

  /** The rows changed: rebuild on the next read. */
  invalidate(): void {
    this.dirty = true;
    this.emitter.fire(undefined);
  }

  /** Rows the view shows after the filter, and rows loaded. */
  counts(): { shown: number; total: number } {
    this.rebuild();
    return { shown: this.shown, total: this.total };
  }

  /** The top-level groups (rebuilt if the rows changed). */
  groups(): readonly GroupNode<R>[] {
    this.rebuild();
    return this.roots;
  }

  getChildren(node?: ListNode<R>): ListNode<R>[] {
    if (!node) return [...this.groups()];
    if (node.kind !== 'group') return [];
    const { group } = node;
    if (group.subgroups) return group.subgroups.map((g) => this.groupNode(g, node));
    const { shown, more } = rowWindow(group.rows.length, this.limits.get(group.key) ?? FIRST_ROWS);
    const children: ListNode<R>[] = [];
    for (let i = 0; i < shown; i++) children.push(this.rowNode(group.rows[i] as R, node));
    if (more > 0) children.push({ kind: 'more', tree: this, parent: node, shown, total: group.rows.length, more });
    return children;
  }

  getParent(node: ListNode<R>): ListNode<R> | undefined {
    return node.parent;
  }

  getTreeItem(node: ListNode<R>): vscode.TreeItem {
    if (node.kind === 'row') {
      const item = this.spec.rowItem(node.row);
      item.id = `${node.parent.group.key}/${this.spec.key(node.row)}`;
      return item;
    }
    if (node.kind === 'more') {
      const item = new vscode.TreeItem(`Show ${formatCount(node.more)} more`, vscode.TreeItemCollapsibleState.None);
      item.id = `${node.parent.group.key}/…more`;
      item.description = `${formatCount(node.shown)} of ${formatCount(node.total)} shown`;
      item.tooltip = 'Large groups are shown in parts to keep the view responsive. Filter to search every row.';
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.contextValue = ContextValues.showMore;
      item.command = { command: Commands.showMore, title: 'Show More', arguments: [node] };
      return item;
    }
    const depth = node.parent ? 1 : 0;
    const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `group:${node.group.key}`;
    item.description = formatCount(node.size);
    this.spec.decorateGroup?.(node.group, item, depth);
    return item;
  }

  /** One "Show more" click: the group shows twice as many rows. */
  showMore(node: MoreNode<R>): void {
    const key = node.parent.group.key;
    this.limits.set(key, showMore(node.total, this.limits.get(key) ?? FIRST_ROWS));
    this.emitter.fire(node.parent);
  }

  /**
   * The node of the row with `key`, made visible in its group (its "Show more" limit raised as far as needed).
   * Rows in a group of their own come before rows in subgroups ("Unassigned numbers"). Undefined when the filter
   * hides it or it is not loaded.
   */
  nodeFor(key: string): RowNode<R> | undefined {
    const search = (nodes: readonly GroupNode<R>[]): RowNode<R> | undefined => {
      for (const node of nodes) {
        if (node.group.subgroups) continue;
        const index = node.group.rows.findIndex((r) => this.spec.key(r) === key);
        if (index < 0) continue;
        const limit = this.limits.get(node.group.key) ?? FIRST_ROWS;
        if (index >= rowWindow(node.group.rows.length, limit).shown) {
          this.limits.set(node.group.key, limitToShow(index, limit));
          this.emitter.fire(node);
        }
        return this.rowNode(node.group.rows[index] as R, node);
      }
      for (const node of nodes) {
        if (!node.group.subgroups) continue;
        const found = search(node.group.subgroups.map((g) => this.groupNode(g, node)));
        if (found) return found;
      }
      return undefined;
    };
    return search(this.groups());
  }

  private rebuild(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const rows = this.spec.rows() ?? [];
    const match = textMatcher(this.filterText);
    let kept: R[];
    if (!match) kept = rows as R[];
    else {
      kept = [];
      for (const row of rows) {
        const { texts, numbers } = this.spec.search(row);
        if (match(texts, numbers)) kept.push(row);
      }
    }
    this.total = rows.length;
    this.shown = kept.length;
    this.rowNodes = new Map<string, Map<string, RowNode<R>>>();
    this.groupNodes = new Map<string, GroupNode<R>>();
    this.roots = this.spec.groups(kept).map((g) => this.groupNode(g, undefined));
  }

  private groupNodes = new Map<string, GroupNode<R>>();
  private groupNode(group: RowGroup<R>, parent: GroupNode<R> | undefined): GroupNode<R> {
    let node = this.groupNodes.get(group.key);
    if (!node || node.group !== group) {
      node = { kind: 'group', group, parent, size: sizeOf(group) };
      this.groupNodes.set(group.key, node);
    }
    return node;
  }

  private rowNode(row: R, parent: GroupNode<R>): RowNode<R> {
    let nodes = this.rowNodes.get(parent.group.key);
    if (!nodes) this.rowNodes.set(parent.group.key, (nodes = new Map<string, RowNode<R>>()));
    const key = this.spec.key(row);
    let node = nodes.get(key);
    if (!node) nodes.set(key, (node = { kind: 'row', row, parent }));
    return node;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
