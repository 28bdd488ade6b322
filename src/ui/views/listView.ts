import * as vscode from 'vscode';
import type { Loadable } from '../model/loadable';
import { asOfText } from '../model/listMessage';
import { formatCount } from './format';
import { ListTreeProvider, type ListNode, type ListTreeSpec, type RowNode } from './listTree';

export interface ListViewOptions<R> {
  spec: ListTreeSpec<R>;
  /** The view's name ("Phone Numbers"); the count follows it in the title. */
  title: string;
  /** What the view shows; loaded when it is first visible. The first one's state is what the view reports. */
  needs: readonly Loadable<unknown>[];
  /** The message above the tree, given what the tree shows now. */
  message(counts: { shown: number; total: number }, filter: string, now: number): string | undefined;
  /** When the complete data shown was received; undefined while nothing complete is shown. */
  asOf(): number | undefined;
  filterContextKey: string;
}

/** While loading, the tree is redrawn at most this often: a 100-page load must not redraw 100 times a second. */
const REDRAW_WHILE_LOADING_MS = 250;

/**
 * One list view: the tree, its title ("Phone Numbers (2,500)"), description (filter, "as of 10:42"), message and
 * progress bar. Tells `onShown` when it becomes visible, so that its lists load when first shown and not before.
 */
export class ListView<R> implements vscode.Disposable {
  readonly provider: ListTreeProvider<R>;
  readonly view: vscode.TreeView<ListNode<R>>;
  private redraw: NodeJS.Timeout | undefined;
  private progress: (() => void) | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly options: ListViewOptions<R>,
    onShown: (view: ListView<R>) => void,
  ) {
    this.provider = new ListTreeProvider(options.spec);
    this.view = vscode.window.createTreeView(options.spec.viewId, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables.push(
      this.provider,
      this.view,
      this.view.onDidChangeVisibility((e) => {
        if (e.visible) onShown(this);
      }),
      ...options.needs.map((m) => m.onDidChange(() => this.changed())),
    );
    this.render();
  }

  get visible(): boolean {
    return this.view.visible;
  }

  get filter(): string {
    return this.provider.filter;
  }

  get loading(): boolean {
    return this.options.needs.some((m) => m.loading);
  }

  setFilter(text: string): void {
    this.provider.setFilter(text);
    void vscode.commands.executeCommand('setContext', this.options.filterContextKey, this.provider.filter !== '');
    this.render();
  }

  /**
   * Shows the row with `key`: clears a filter that hides it, opens "Show more" as far as needed, selects it.
   * Returns false when the view has no such row.
   */
  async reveal(key: string): Promise<boolean> {
    let node: RowNode<R> | undefined = this.provider.nodeFor(key);
    if (!node && this.provider.filter) {
      this.setFilter('');
      node = this.provider.nodeFor(key);
    }
    if (!node) return false;
    await this.view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }

  /** The lists changed: redraw now, or soon while pages are still arriving. */
  private changed(): void {
    this.trackProgress();
    if (!this.loading) {
      clearTimeout(this.redraw);
      this.redraw = undefined;
      this.provider.invalidate();
      this.render();
      return;
    }
    this.redraw ??= setTimeout(() => {
      this.redraw = undefined;
      this.provider.invalidate();
      this.render();
    }, REDRAW_WHILE_LOADING_MS);
  }

  /** The view's progress bar runs while any of its lists loads. */
  private trackProgress(): void {
    if (this.loading && !this.progress) {
      let end!: () => void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      this.progress = end;
      void vscode.window.withProgress({ location: { viewId: this.options.spec.viewId } }, () => ended);
    } else if (!this.loading && this.progress) {
      this.progress();
      this.progress = undefined;
    }
  }

  render(): void {
    const counts = this.provider.counts();
    const { title } = this.options;
    this.view.title = counts.total > 0 ? `${title} (${formatCount(counts.total)})` : title;
    const now = Date.now();
    const asOf = this.options.asOf();
    const parts = [
      this.provider.filter ? `“${this.provider.filter}”: ${formatCount(counts.shown)} of ${formatCount(counts.total)}` : undefined,
      asOf !== undefined ? `as of ${asOfText(asOf, now)}` : undefined,
    ].filter(Boolean);
    this.view.description = parts.length > 0 ? parts.join(' · ') : undefined;
    this.view.message = this.options.message(counts, this.provider.filter, now);
  }

  dispose(): void {
    clearTimeout(this.redraw);
    this.progress?.();
    for (const d of this.disposables) d.dispose();
  }
}
