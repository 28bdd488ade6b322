import { groupRank } from '../../core/lists/listDescriptor';

/** A group in a list view: rows, or subgroups ("Unassigned numbers" by usage type). No vscode here: unit tested. */
export interface RowGroup<R> {
  /** Unique in the view; a subgroup's key is its parent's key, a slash and its own. */
  key: string;
  label: string;
  rows: R[];
  subgroups?: RowGroup<R>[];
}

/** Rows by group, groups in `order` then alphabetically, rows in the order given (the server's). */
export function groupRows<R>(rows: Iterable<R>, groupOf: (row: R) => string, order: readonly string[], labelOf: (group: string) => string, keyPrefix = ''): RowGroup<R>[] {
  const byGroup = new Map<string, R[]>();
  for (const row of rows) {
    const g = groupOf(row);
    let list = byGroup.get(g);
    if (!list) byGroup.set(g, (list = []));
    list.push(row);
  }
  return [...byGroup.keys()].sort(groupRank(order)).map((g) => ({ key: `${keyPrefix}${g}`, label: labelOf(g), rows: byGroup.get(g) as R[] }));
}

/** Rows in a group, its subgroups' included. */
export function sizeOf<R>(group: RowGroup<R>): number {
  return group.subgroups ? group.subgroups.reduce((n, g) => n + sizeOf(g), 0) : group.rows.length;
}

/**
 * How many rows a group shows before a "Show more" row. A tree with tens of thousands of children in one group
 * stalls the view (every row is a TreeItem sent to the workbench); the filter still searches all of them.
 */
export const FIRST_ROWS = 500;

/** What a group of `total` rows shows when `limit` rows are allowed: the rows, and how many "Show more" would add. */
export function rowWindow(total: number, limit: number = FIRST_ROWS): { shown: number; more: number } {
  const shown = Math.min(total, Math.max(1, limit));
  // Each "Show more" doubles what is shown: 70,000 rows are 8 clicks away, not 140.
  return { shown, more: Math.min(total - shown, shown) };
}

/** The limit after one "Show more". */
export function showMore(total: number, limit: number = FIRST_ROWS): number {
  const { shown, more } = rowWindow(total, limit);
  return shown + more;
}

/** The smallest limit that shows the row at `index` (for reveal). */
export function limitToShow(index: number, limit: number = FIRST_ROWS): number {
  let l = Math.max(1, limit);
  while (l <= index) l *= 2;
  return l;
}
