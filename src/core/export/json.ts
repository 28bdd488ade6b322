/**
 * Records as JSON, exactly as the server sent them: the schemas hand back the server's own
 * objects, so every field is present in server order. Two-space indent, like the API reference.
 */
export function toJson(records: readonly unknown[] | object): string {
  return JSON.stringify(records, null, 2);
}

/**
 * Last check before an export is shown: throws if any of `secrets` (tokens, client secret, JWT
 * credential) occurs in `text`, raw or as JSON or CSV would escape it. Empty strings are ignored.
 * The error names no secret, so it is safe to log.
 */
export function assertNoSecrets(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (secret === '') continue;
    const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), secret.replaceAll('"', '""')]);
    for (const form of forms) {
      if (text.includes(form)) {
        throw new Error('Export blocked: the text contains a credential of the current session. Nothing was opened.');
      }
    }
  }
}
