import type * as z from 'zod';
import type { QueryValue } from '../http/restClient';
import type { InvalidRecord } from '../schemas/list';
import type { RateGroup } from '../rateLimit/groups';

/**
 * Everything the extension knows about one RingCentral list, in one place: where it is fetched from, which rate
 * group it spends, how a record is validated, named, grouped and searched, and how it is exported. The generic
 * pieces (paging, the model that loads and keeps it, the tree, the exports) read only this, so a new list is a new
 * descriptor plus its tree item, not a copy of another list's path through the code.
 */
export interface ListDescriptor<T extends object> {
  /** Stable id: the view is `ringcentral.<id>`, the kept copy on disk is `<id>.json`. Letters only. */
  readonly id: string;
  /** What the view is called ("Phone Numbers"). */
  readonly title: string;
  /** How one record and several are called in messages ("number", "numbers"). */
  readonly noun: { readonly one: string; readonly many: string };
  /** `GET` path under the server, e.g. `/restapi/v1.0/account/~/phone-number`. */
  readonly path: string;
  /** Fixed query besides paging (filters). */
  readonly query: Readonly<Record<string, QueryValue>>;
  /** The usage-plan group the endpoint counts against (the spec's `x-throttling-group`). */
  readonly group: RateGroup;
  readonly schema: z.ZodType<T>;
  /** Unique, stable key of a record (tree item ids, reveal). */
  key(this: void, record: T): string;
  /** The record's name in the tree and in messages. */
  label(this: void, record: T): string;
  /** Which tree group the record belongs to. */
  groupOf(this: void, record: T): string;
  /** A group's title ("DirectNumber" → "Direct Number"). */
  groupLabel(this: void, group: string): string;
  /** Groups in the order people look for them; groups not named here follow alphabetically. */
  readonly groupOrder: readonly string[];
  /** Text fields the filter searches (case-insensitive, anywhere in the field). */
  searchText(this: void, record: T): readonly (string | null | undefined)[];
  /** Phone numbers of the record, which the filter also matches by digits alone (`650 555` finds `+1650555…`). */
  phoneNumbers(this: void, record: T): readonly string[];
  /** Exports: the file names and the CSV columns that lead (every other field follows, API links last). */
  readonly exports: { readonly json: string; readonly csv: string; readonly csvColumns: readonly string[] };
}

/** One page of a list, validated record by record. */
export interface ListPage<T> {
  /** 1-based position in this walk. */
  index: number;
  totalPages: number | undefined;
  totalElements: number | undefined;
  records: T[];
  /** Records that failed validation on this page: reported, skipped, never fatal. */
  invalid: InvalidRecord[];
}

/** `Users (1,234)` for a title, `1 user` / `2 users` in a sentence. */
export function countOf(descriptor: Pick<ListDescriptor<object>, 'noun'>, n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? descriptor.noun.one : descriptor.noun.many}`;
}

/** Groups in `order` first, then the rest alphabetically. */
export function groupRank(order: readonly string[]): (a: string, b: string) => number {
  const rank = (g: string): number => {
    const i = order.indexOf(g);
    return i < 0 ? order.length : i;
  };
  return (a, b) => rank(a) - rank(b) || a.localeCompare(b);
}

/** "DirectNumber" → "Direct Number", "IvrMenu" → "Ivr Menu". */
export function humanize(identifier: string): string {
  return identifier.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}
