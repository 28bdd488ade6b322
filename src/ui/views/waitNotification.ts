import * as vscode from 'vscode';
import type { ListModel } from '../model/listModel';
import { rateWaitText } from '../model/rateWait';
import { formatCount } from './format';

const MIN_WAIT_MS = 1500;

/**
 * A progress notification for a list whose load the rate gate holds: a 100-page load under RingCentral's limits
 * pauses for minutes, and a silent pause looks like a hang. It says why and for how long, follows the load to its
 * end, and its Cancel stops the load (what was shown stays).
 */
export class WaitNotifications implements vscode.Disposable {
  private readonly open = new Map<ListModel<object>, vscode.Progress<{ message?: string }>>();
  private readonly closers = new Set<() => void>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly lists: readonly ListModel<object>[]) {
    this.disposables = lists.map((list) => list.onDidChange(() => this.update(list)));
  }

  /** Lists with a notification on screen (tests). */
  get showing(): string[] {
    return [...this.open.keys()].map((l) => l.descriptor.title);
  }

  private update(list: ListModel<object>): void {
    const progress = this.open.get(list);
    if (progress) {
      progress.report({ message: messageOf(list) });
      return;
    }
    // A wait of a moment needs no notification; one of seconds or minutes does.
    if (!list.loading || list.wait?.nextAt === undefined || list.wait.nextAt - Date.now() < MIN_WAIT_MS) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `RingCentral: loading ${list.descriptor.title}`, cancellable: true },
      (p, token) =>
        new Promise<void>((resolve) => {
          this.open.set(list, p);
          p.report({ message: messageOf(list) });
          const cancel = token.onCancellationRequested(() => list.cancel());
          const close = (): void => {
            cancel.dispose();
            end.dispose();
            this.open.delete(list);
            this.closers.delete(close);
            resolve();
          };
          const end = list.onDidChange(() => {
            if (!list.loading) close();
          });
          this.closers.add(close);
        }),
    );
  }

  dispose(): void {
    for (const close of [...this.closers]) close();
    for (const d of this.disposables) d.dispose();
  }
}

function messageOf(list: ListModel<object>): string {
  const p = list.progress;
  const received = p && p.page > 0 ? `${formatCount(p.loaded)} ${list.descriptor.noun.many} so far${p.totalPages ? ` (page ${p.page} of ${p.totalPages})` : ''}` : undefined;
  const wait = list.wait ? rateWaitText(list.wait, Date.now()) : undefined;
  return [received, wait].filter(Boolean).join('; ') || 'loading…';
}
