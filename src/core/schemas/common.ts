import * as z from 'zod';

/**
 * Building blocks shared by the record schemas. None of them transforms its input: record
 * schemas are used by `parseAsReceived`, which hands back the server's own object, and that is
 * only sound while validation never changes a value.
 */

/** RingCentral ids are int64 in the v1 API and strings in v2 and in some embedded objects. */
export const id = z.union([z.string().min(1), z.number()]);

/** Enum-like fields stay open strings: the platform adds values (usage types, statuses) over time. */
export const text = z.string().nullish();

export const flag = z.boolean().nullish();

/** Nested objects the server may grow: known fields typed, everything else kept. */
export function nested<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.looseObject(shape).nullish();
}

/** `{ id, uri }` style references (operator, brand, country, account, ...). */
export const ref = nested({ id: id.nullish(), uri: text, name: text });
