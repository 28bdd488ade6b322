import type { ExplorerModel } from '../model/explorerModel';
import type { ListModel } from '../model/listModel';
import type { Loadable } from '../model/loadable';
import type { ListTreeSpec } from './listTree';

/**
 * One list view, as data: which list it shows, its tree, its commands and context key. The controller builds the
 * view and the generic commands (export as JSON and CSV, filter, clear filter) from this; a new list is its core
 * descriptor, one of these (with its tree item) in `listViews.ts`, and its ids in the manifest and `ids.ts`.
 */
export interface ListViewDefinition<R> {
  readonly viewId: string;
  /** The list the view is about: its title, count, message, filter and exports. */
  list(model: ExplorerModel): ListModel<object>;
  /** Other lists it needs (the Users view shows each user's numbers from the phone-number list). */
  also?(model: ExplorerModel): readonly Loadable<unknown>[];
  tree(model: ExplorerModel): ListTreeSpec<R>;
  /** A note for the view message when nothing more pressing is to say. */
  note?(model: ExplorerModel, now: number): string | undefined;
  readonly commands: { readonly exportJson: string; readonly exportCsv: string; readonly filter: string; readonly clearFilter: string };
  /** Context key that is true while the view is filtered (shows its Clear Filter button). */
  readonly filterContextKey: string;
  /** The filter's input box. */
  readonly filterPrompt: { readonly prompt: string; readonly placeHolder: string };
}
