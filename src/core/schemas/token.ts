import * as z from 'zod';

// Tokens are stored, never exported, so unlike the record schemas this one may normalise values:
// the auth code then works with plain numbers of seconds and string ids.

/** Seconds: a number, or a numeric string from a proxy or an older server. */
const seconds = z.union([z.number().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);

/** Ids the spec types as strings but some servers send as numbers. */
const idText = z.union([z.string(), z.number().transform(String)]);

/** Absent and null mean the same thing: the grant did not issue it. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined);
}

/** `POST /restapi/oauth/token` response. Unknown fields are kept. */
export const TokenInfoSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: seconds,
  refresh_token: optional(z.string().min(1)),
  refresh_token_expires_in: optional(seconds),
  scope: optional(z.string()),
  owner_id: optional(idText),
  endpoint_id: optional(idText),
  id_token: optional(z.string()),
  session_id: optional(idText),
  session_expires_in: optional(seconds),
  session_expiration_time: optional(z.string()),
  session_idle_timeout: optional(seconds),
});

export type TokenInfo = z.infer<typeof TokenInfoSchema>;
