const MASK = '‹redacted›';

/** Names of fields that hold a secret, in the spellings that reach logs: OAuth forms, JSON bodies, our own objects. */
const SECRET_KEY =
  'access_token|refresh_token|id_token|assertion|password|client_secret|code_verifier|token|jwt|' +
  'accessToken|refreshToken|idToken|clientSecret|codeVerifier|authCode|authorizationCode';

/**
 * `key=value` in a form, a query or a log line (`token=` is the revoke form's field). `code=` only here: the
 * authorization code travels in forms and redirect queries, while a JSON `"code"` is an error code worth keeping.
 */
const FORM_FIELD = new RegExp(`(?<![\\w-])(${SECRET_KEY}|code)=([^&\\s"']+)`, 'gi');
/** `"key": "value"` in JSON, escaped quotes inside the value included. */
const JSON_FIELD = new RegExp(`"(${SECRET_KEY})"\\s*:\\s*"(?:[^"\\\\]|\\\\.)*"`, 'gi');
/** `key: 'value'` as Node prints objects (util.inspect), and YAML-ish `key: value`. */
const INSPECTED_FIELD = new RegExp(`(?<![\\w"-])(${SECRET_KEY})(\\s*:\\s*)(?:'(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*"|[^\\s,}'"]{6,})`, 'gi');
/** A JWT anywhere: three base64url parts, the first a JSON header (`{"` is `eyJ`). RingCentral JWT credentials are such. */
const JWT = /\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g;

/**
 * Last line of defence for anything written where people can see it (logs, notifications): known secrets are
 * masked wherever they appear, and so is anything shaped like a credential in a header, form, JSON body or object.
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
      .replace(JWT, MASK)
      .replace(JSON_FIELD, `"$1":"${MASK}"`)
      .replace(FORM_FIELD, `$1=${MASK}`)
      .replace(INSPECTED_FIELD, `$1$2${MASK}`);
  }
}
