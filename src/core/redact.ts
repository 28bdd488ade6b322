const MASK = '‹redacted›';

/**
 * Last line of defence for anything written where people can see it (logs, notifications): known secrets are
 * masked wherever they appear, and so is anything shaped like a credential in a header or form.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remembers a value to mask. Short values are ignored: masking "1" would mangle every log line. */
  add(...values: (string | undefined)[]): void {
    for (const v of values) if (v && v.length >= 6) this.secrets.add(v);
  }

  /** Every value registered so far, for checks such as "no secret in this export". */
  known(): string[] {
    return [...this.secrets];
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(MASK);
    return out
      .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${MASK}`)
      .replace(/\b(access_token|refresh_token|assertion|password|client_secret|code_verifier|code)=([^&\s"']+)/g, `$1=${MASK}`)
      .replace(/"(access_token|refresh_token|assertion|password|client_secret|id_token)"\s*:\s*"[^"]*"/g, `"$1":"${MASK}"`);
  }
}
