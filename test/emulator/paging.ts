import { rest, type Reply } from './errors';

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 1000;

export interface PageRequest {
  page: number;
  perPage: number;
  /** perPage as the client wrote it (e.g. "max"), echoed in navigation URIs. */
  perPageRaw: string;
}

/** Reads `page`/`perPage`; larger perPage values are clamped, `perPage=max` means 1000. */
export function parsePaging(query: URLSearchParams): PageRequest | Reply {
  const pageRaw = query.get('page');
  let page = 1;
  if (pageRaw !== null) {
    if (!/^\d+$/.test(pageRaw) || Number(pageRaw) < 1) return rest.invalidParameter('page');
    page = Number(pageRaw);
  }
  const perPageParam = query.get('perPage');
  let perPage = DEFAULT_PER_PAGE;
  if (perPageParam !== null) {
    if (perPageParam.toLowerCase() === 'max') perPage = MAX_PER_PAGE;
    else if (!/^\d+$/.test(perPageParam) || Number(perPageParam) < 1) return rest.invalidParameter('perPage');
    else perPage = Math.min(MAX_PER_PAGE, Number(perPageParam));
  }
  return { page, perPage, perPageRaw: perPageParam ?? String(DEFAULT_PER_PAGE) };
}

export function isReply(x: PageRequest | Reply): x is Reply {
  return 'status' in x;
}

/**
 * The list envelope: `{uri, records, paging, navigation}`. URIs are absolute on `listUrl` and
 * keep every other query parameter (filters) of the request.
 */
export function pageOf<T>(
  listUrl: string,
  query: URLSearchParams,
  all: readonly T[],
  req: PageRequest,
  omitTotals: boolean,
): Record<string, unknown> {
  const total = all.length;
  const totalPages = Math.ceil(total / req.perPage);
  const start = (req.page - 1) * req.perPage;
  const records = start < total ? all.slice(start, Math.min(total, start + req.perPage)) : [];
  const filters: [string, string][] = [];
  for (const [k, v] of query) if (k !== 'page' && k !== 'perPage') filters.push([k, v]);
  const link = (page: number): { uri: string } => {
    const q = new URLSearchParams([['page', String(page)], ['perPage', req.perPageRaw], ...filters]);
    return { uri: `${listUrl}?${q.toString()}` };
  };
  const paging: Record<string, number> = { page: req.page };
  if (!omitTotals) paging['totalPages'] = totalPages;
  paging['perPage'] = req.perPage;
  if (!omitTotals) paging['totalElements'] = total;
  if (records.length > 0) {
    paging['pageStart'] = start;
    paging['pageEnd'] = start + records.length - 1;
  }
  const navigation: Record<string, { uri: string }> = { firstPage: link(1) };
  if (start + records.length < total) navigation['nextPage'] = link(req.page + 1);
  if (req.page > 1) navigation['previousPage'] = link(Math.min(req.page - 1, Math.max(1, totalPages)));
  if (!omitTotals) navigation['lastPage'] = link(Math.max(1, totalPages));
  return { uri: link(req.page).uri, records, paging, navigation };
}
