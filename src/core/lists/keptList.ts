import type { KeptScope, KeptStore } from '../cache/keptStore';
import { parseRecords } from '../schemas/list';
import type { ListDescriptor } from './listDescriptor';

/** A list as kept on disk: the records as RingCentral sent them, and when they were received. */
export interface KeptList<T> {
  records: T[];
  /** Records skipped when the list was loaded, plus any that no longer pass the schema. */
  skipped: number;
  savedAt: number;
}

export type KeptListRead<T> = { kind: 'found'; list: KeptList<T> } | { kind: 'missing' } | { kind: 'unreadable'; reason: string };

/**
 * Reads the kept copy of a list. Records are validated again (the file is outside our control between writes);
 * one that fails is skipped and counted, as when it came from the server.
 */
export async function readKeptList<T extends object>(store: KeptStore, scope: KeptScope, descriptor: ListDescriptor<T>): Promise<KeptListRead<T>> {
  const read = await store.read(scope, descriptor.id);
  if (read.kind !== 'found') return read;
  const data = read.data as { records?: unknown; skipped?: unknown } | null;
  if (typeof data !== 'object' || data === null || !Array.isArray(data.records)) {
    await store.remove(scope, descriptor.id).catch(() => undefined);
    return { kind: 'unreadable', reason: 'it holds no records' };
  }
  const { valid, invalid } = parseRecords(data.records as unknown[], descriptor.schema);
  const skipped = (typeof data.skipped === 'number' && Number.isFinite(data.skipped) ? data.skipped : 0) + invalid.length;
  return { kind: 'found', list: { records: valid, skipped, savedAt: read.savedAt } };
}

export function writeKeptList<T extends object>(
  store: KeptStore,
  scope: KeptScope,
  descriptor: ListDescriptor<T>,
  list: KeptList<T>,
  secrets: readonly string[],
): Promise<void> {
  return store.write(scope, descriptor.id, { records: list.records, skipped: list.skipped }, list.savedAt, secrets);
}
