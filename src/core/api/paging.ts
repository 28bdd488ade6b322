import { ListEnvelopeSchema } from '../schemas/list';
import { RingCentralError } from '../errors';
import type { QueryValue } from '../http/restClient';

export interface RawPage {
  /** 1-based position in this walk. */
  index: number;
  records: unknown[];
  page: number | undefined;
  totalPages: number | undefined;
  totalElements: number | undefined;
}

export type GetJson = (path: string, query?: Record<string, QueryValue>) => Promise<unknown>;

export interface PagingOptions {
  perPage?: number;
  /** Safety stop against a server whose nextPage never ends. */
  maxPages?: number;
}

/**
 * Walks a list endpoint by following `navigation.nextPage` until it is absent, so it works when totals are
 * missing. Only the path and query of nextPage are used: the token is never sent to a host the user did not choose.
 */
export async function* pages(get: GetJson, path: string, query: Record<string, QueryValue> = {}, options: PagingOptions = {}): AsyncGenerator<RawPage> {
  const perPage = Math.min(Math.max(1, options.perPage ?? 1000), 1000);
  const maxPages = options.maxPages ?? 10_000;
  const seen = new Set<string>();
  let next: { path: string; query?: Record<string, QueryValue> } | undefined = { path, query: { ...query, perPage, page: 1 } };
  for (let index = 1; next && index <= maxPages; index++) {
    const body = await get(next.path, next.query);
    const parsed = ListEnvelopeSchema.safeParse(body);
    if (!parsed.success) {
      throw new RingCentralError({
        kind: 'malformed',
        path,
        message: `RingCentral answered page ${index} of ${path} without a list of records.`,
        hint: 'The answer was damaged or is not a RingCentral list. Try again; the data shown so far is kept.',
      });
    }
    const { records, paging, navigation } = parsed.data;
    yield { index, records, page: paging?.page, totalPages: paging?.totalPages, totalElements: paging?.totalElements };
    const nextUri = navigation?.nextPage?.uri;
    if (!nextUri || records.length === 0 || seen.has(nextUri)) break;
    seen.add(nextUri);
    const url = new URL(nextUri, 'http://relative.invalid');
    next = { path: url.pathname + url.search };
  }
}
