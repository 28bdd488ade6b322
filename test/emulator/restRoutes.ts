import type { RateGroup } from './api';
import { rest, type Reply } from './errors';
import { isReply, pageOf, parsePaging } from './paging';
import { NUMBER_STATUSES, PAYMENT_TYPES, USAGE_TYPES } from './phoneNumbers';
import type { EmulatorState } from './state';

/** A matched REST endpoint: its rate-limit group and how to answer (no side effects). */
export interface RestRoute {
  group: RateGroup;
  answer: () => Reply;
}

const ok = (body: unknown): Reply => ({ status: 200, body });

/** Routes `GET /restapi/v1.0/...`; unknown paths answer 404 CMN-102 in the Light group. */
export function matchRest(st: EmulatorState, method: string, path: string, query: URLSearchParams): RestRoute {
  const notFound = (name: string, value: string): RestRoute => ({ group: 'Light', answer: () => rest.notFound(name, value) });
  let segs: string[];
  try {
    segs = path.replace(/\/+$/, '').split('/').slice(3).map(decodeURIComponent);
  } catch {
    return notFound('path', path);
  }
  const [top, acc, ...tail] = segs;
  if (method !== 'GET' || top !== 'account' || acc === undefined) return notFound('path', path);
  const accountId = String(st.directory.accountId);
  if (acc !== '~' && acc !== accountId) return notFound('accountId', acc);
  const accUrl = `${st.url}/restapi/v1.0/account/${accountId}`;
  const [a, b, c, ...more] = tail;
  if (more.length > 0) return notFound('path', path);
  if (a === undefined) return { group: 'Light', answer: () => ok(st.directory.account) };
  if (a === 'phone-number' && b === undefined) {
    return { group: 'Heavy', answer: () => companyNumbers(st, `${accUrl}/phone-number`, query) };
  }
  if (a === 'phone-number' && c === undefined && b !== undefined) {
    const rec = st.phoneNumbers.find((p) => String(p['id']) === b);
    return rec ? { group: 'Light', answer: () => ok(rec) } : notFound('phoneNumberId', b);
  }
  if (a !== 'extension') return notFound('path', path);
  if (b === undefined) return { group: 'Medium', answer: () => extensionList(st, `${accUrl}/extension`, query) };
  const me = st.directory.me;
  const ext = b === '~' || b === String(me['id']) ? me : st.directory.extensions.find((e) => String(e['id']) === b);
  if (!ext) return notFound('extensionId', b);
  if (c === undefined) return { group: 'Light', answer: () => ok(ext) };
  if (c !== 'phone-number') return notFound('path', path);
  const extUrl = `${accUrl}/extension/${String(ext['id'])}/phone-number`;
  return { group: 'Light', answer: () => extensionNumbers(st, Number(ext['id']), extUrl, query) };
}

/** Multi-valued filter (`key=a&key=b`); undefined when absent, a Reply when a value is unknown. */
function filterValues(query: URLSearchParams, key: string, allowed?: readonly string[]): Set<string> | undefined | Reply {
  const values = query.getAll(key).filter((v) => v !== '');
  if (values.length === 0) return undefined;
  if (allowed && values.some((v) => !allowed.includes(v))) return rest.invalidParameter(key);
  return new Set(values);
}

type Filter = Set<string> | undefined;

function numberFilters(query: URLSearchParams): [Filter, Filter, Filter] | Reply {
  const usage = filterValues(query, 'usageType', USAGE_TYPES);
  const payment = filterValues(query, 'paymentType', PAYMENT_TYPES);
  const status = filterValues(query, 'status', NUMBER_STATUSES);
  for (const f of [usage, payment, status]) if (f !== undefined && !(f instanceof Set)) return f;
  return [usage as Filter, payment as Filter, status as Filter];
}

function companyNumbers(st: EmulatorState, listUrl: string, query: URLSearchParams): Reply {
  const paging = parsePaging(query);
  if (isReply(paging)) return paging;
  const filters = numberFilters(query);
  if (!Array.isArray(filters)) return filters;
  const [usage, payment, status] = filters;
  const directOnly = !st.settings.admin;
  let records = st.phoneNumbers;
  if (usage || payment || status || directOnly) {
    records = records.filter(
      (r) =>
        (!directOnly || r['usageType'] === 'DirectNumber') &&
        (!usage || usage.has(r['usageType'] as string)) &&
        (!payment || payment.has(r['paymentType'] as string)) &&
        (!status || status.has(r['status'] as string)),
    );
  }
  return ok(pageOf(listUrl, query, records, paging, st.settings.omitTotals));
}

/** The extension's own numbers, in the UserPhoneNumberInfo shape (no `extension`, with `features`). */
function extensionNumbers(st: EmulatorState, extId: number, listUrl: string, query: URLSearchParams): Reply {
  const paging = parsePaging(query);
  if (isReply(paging)) return paging;
  const filters = numberFilters(query);
  if (!Array.isArray(filters)) return filters;
  const [usage, , status] = filters;
  const records: Record<string, unknown>[] = [];
  for (const r of st.phoneNumbers) {
    if ((r['extension'] as { id?: number } | undefined)?.id !== extId) continue;
    if (usage && !usage.has(r['usageType'] as string)) continue;
    if (status && !status.has(r['status'] as string)) continue;
    const { extension: _ext, uri: _uri, ...rest } = r;
    const features = r['type'] === 'FaxOnly' ? [] : r['primary'] === true ? ['CallerId', 'SmsSender', 'MmsSender'] : ['CallerId'];
    records.push({ uri: `${listUrl}/${String(r['id'])}`, ...rest, features });
  }
  return ok(pageOf(listUrl, query, records, paging, st.settings.omitTotals));
}

function extensionList(st: EmulatorState, listUrl: string, query: URLSearchParams): Reply {
  const paging = parsePaging(query);
  if (isReply(paging)) return paging;
  const type = filterValues(query, 'type');
  const status = filterValues(query, 'status');
  const number = filterValues(query, 'extensionNumber');
  const email = filterValues(query, 'email');
  const records = st.directory.extensions.filter((e) => {
    const contact = e['contact'] as { email?: string } | undefined;
    return (
      (!(type instanceof Set) || type.has(e['type'] as string)) &&
      (!(status instanceof Set) || status.has(e['status'] as string)) &&
      (!(number instanceof Set) || number.has(e['extensionNumber'] as string)) &&
      (!(email instanceof Set) || email.has(contact?.email ?? ''))
    );
  });
  return ok(pageOf(listUrl, query, records, paging, st.settings.omitTotals));
}
