import * as z from 'zod';
import { parseAsReceived } from './parse';

/** Paging counts only inform progress; a malformed one is dropped rather than failing the page. */
const count = z.number().optional().catch(undefined);

// Navigation decides whether another page is fetched, so a malformed link fails the page loudly
// instead of silently truncating a list (an export missing numbers is worse than an error).
const link = z.looseObject({ uri: z.string().min(1) }).nullish();

/** The envelope of every list endpoint. Totals may be missing: follow `navigation.nextPage`. */
export const ListEnvelopeSchema = z.looseObject({
  uri: z.string().nullish(),
  records: z.array(z.unknown()),
  paging: z
    .looseObject({ page: count, totalPages: count, perPage: count, totalElements: count, pageStart: count, pageEnd: count })
    .optional()
    .catch(undefined),
  navigation: z.looseObject({ firstPage: link, nextPage: link, previousPage: link, lastPage: link }).nullish(),
});

export type ListEnvelope = z.infer<typeof ListEnvelopeSchema>;

export interface InvalidRecord {
  /** Position in the `records` array that was given. */
  index: number;
  /** What was wrong, without any of the record's values. */
  issues: string;
}

export interface ParsedRecords<T> {
  valid: T[];
  invalid: InvalidRecord[];
}

/**
 * Validates each record on its own: a bad record is reported and skipped, it never fails the list.
 * Valid records are the server's own objects (all fields, server key order); see parseAsReceived.
 */
export function parseRecords<T>(records: readonly unknown[], schema: z.ZodType<T>): ParsedRecords<T> {
  const valid: T[] = [];
  const invalid: InvalidRecord[] = [];
  for (let index = 0; index < records.length; index++) {
    const result = parseAsReceived(schema, records[index]);
    if (result.success) valid.push(result.data);
    else invalid.push({ index, issues: result.issues });
  }
  return { valid, invalid };
}
