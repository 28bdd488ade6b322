import type { z } from 'zod';

export type ParseResult<T> = { success: true; data: T } | { success: false; issues: string };

const MAX_ISSUES = 5;

/**
 * zod issues as one short line: `path: message; ...`. zod's messages name the expected type, not
 * the received value, so this never echoes a token or other secret that was in the input.
 */
export function formatIssues(error: z.ZodError): string {
  const parts = error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(value)'}: ${issue.message}`);
  const more = error.issues.length - MAX_ISSUES;
  return more > 0 ? `${parts.join('; ')}; and ${more} more` : parts.join('; ');
}

/**
 * Validates `value` and, when it passes, returns the server's own object rather than zod's copy.
 * zod's loose objects rebuild the object with declared keys first, which would reorder fields in
 * exports; the original keeps every field in server order, at every depth, and costs no copy.
 * Only sound for schemas that never transform (no defaults, coercion, catch or transform): every
 * record schema in this folder is written that way, and the tests check output equals input.
 * Not for TokenInfoSchema, which normalises; use its own safeParse.
 */
export function parseAsReceived<T>(schema: z.ZodType<T>, value: unknown): ParseResult<T> {
  const result = schema.safeParse(value);
  if (!result.success) return { success: false, issues: formatIssues(result.error) };
  return { success: true, data: value as T };
}
