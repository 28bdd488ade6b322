import { rateWaitText, type RateWait } from './rateWait';

/** What a list view shows above its tree, from the state of the list behind it. Pure, so unit tests reach it. */
export interface ListMessageInput {
  noun: { one: string; many: string };
  now: number;
  loading: boolean;
  /** Pages received in the load in progress (page 0: none yet). */
  progress?: { page: number; totalPages: number | undefined; loaded: number } | undefined;
  /** The rate gate holds this list's next request. */
  wait?: RateWait | undefined;
  /** What is shown: when it was received and whether it is all of it. */
  data?: { asOf: number; complete: boolean; skipped: number } | undefined;
  error?: { message: string; hint: string } | undefined;
  /** Records in the view, and how many of them the filter lets through. */
  total: number;
  shown: number;
  filter: string;
  /** A note of the view's own, shown when there is nothing more pressing to say. */
  note?: string | undefined;
}

/** "10:42" today, "3 Mar, 10:42" another day. */
export function asOfText(epochMs: number, now: number): string {
  const at = new Date(epochMs);
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === new Date(now).toDateString() ? time : `${at.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}

function count(n: number, noun: { one: string; many: string }): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun.one : noun.many}`;
}

/** The message, most pressing first: a wait, a load, a failure, skipped records, an empty result. */
export function listMessage(i: ListMessageInput): string | undefined {
  const { noun } = i;
  if (i.loading) {
    // A complete list (kept, or loaded before) stays on screen while the new one arrives; a partial one is this load's.
    const before = i.data?.complete ? `Showing ${noun.many} as of ${asOfText(i.data.asOf, i.now)}; loading` : 'Loading';
    const received = i.progress?.page ?? 0;
    const total = i.progress?.totalPages;
    const next = total !== undefined ? Math.min(received + 1, total) : received + 1;
    const where = received > 0 || i.wait ? ` page ${next}${total !== undefined ? ` of ${total}` : ''}` : '';
    const soFar = received > 0 && i.progress ? ` (${count(i.progress.loaded, noun)} so far)` : '';
    if (i.wait) return `${before}${where}${soFar}, ${rateWaitText(i.wait, i.now)}.`;
    if (where) return `${before}${where}${soFar}…`;
    return i.data?.complete ? `${before} again…` : `Loading ${noun.many}…`;
  }
  if (i.data && !i.data.complete) {
    const part = `Showing the ${count(i.total, noun)} received before loading stopped`;
    return i.error ? `${part}: ${i.error.message} ${i.error.hint}` : `${part}. Refresh to load them all.`;
  }
  if (i.error && i.data) return `Showing ${noun.many} as of ${asOfText(i.data.asOf, i.now)}. Refresh failed: ${i.error.message}`;
  if (i.error) return `${i.error.message} ${i.error.hint}`;
  if (!i.data) return undefined;
  if (i.data.skipped > 0) {
    return `${count(i.data.skipped, { one: 'record', many: 'records' })} could not be read and ${i.data.skipped === 1 ? 'was' : 'were'} skipped; see RingCentral: Show Logs.`;
  }
  if (i.filter && i.shown === 0 && i.total > 0) return `No ${noun.one} matches the filter.`;
  if (i.total === 0) return `This account has no ${noun.many} you can see.`;
  return i.note;
}
