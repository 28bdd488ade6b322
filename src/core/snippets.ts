/**
 * A request as a cURL (bash) or PowerShell command to paste into a script. By default the token
 * is a variable the user sets (`$RC_ACCESS_TOKEN`, `$env:RC_ACCESS_TOKEN`), so a copied snippet
 * never carries the live secret; only `token: { value }` (an explicit "ready to run" request)
 * embeds it. Every other value is single-quoted, so nothing in it is expanded by the shell.
 */

export type SnippetToken = { placeholder: true } | { value: string };

export interface SnippetRequest {
  method: string;
  /** Absolute URL; its query (repeated keys included) is kept as given. */
  url: string;
  /** An `Authorization` header here is ignored: `token` decides what is sent. */
  headers?: Record<string, string>;
  /** Raw text, or form fields sent as application/x-www-form-urlencoded. */
  body?: string | Record<string, string>;
  token?: SnippetToken;
}

export const TOKEN_VARIABLE = 'RC_ACCESS_TOKEN';

function liveToken(req: SnippetRequest): string | undefined {
  return req.token !== undefined && 'value' in req.token ? req.token.value : undefined;
}

function otherHeaders(req: SnippetRequest): [string, string][] {
  return Object.entries(req.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'authorization');
}

/** POSIX single quotes: nothing inside is special except `'`, written as `'\''`. */
function sh(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export function toCurl(req: SnippetRequest): string {
  const method = req.method.toUpperCase();
  const token = liveToken(req);
  const options: string[] = [
    // Double quotes so bash expands the variable; the name itself is fixed, not user input.
    token === undefined ? `-H "Authorization: Bearer $${TOKEN_VARIABLE}"` : `-H ${sh(`Authorization: Bearer ${token}`)}`,
    ...otherHeaders(req).map(([name, value]) => `-H ${sh(`${name}: ${value}`)}`),
  ];
  if (typeof req.body === 'string') {
    // --data-raw: a body starting with @ is text, not a file to upload.
    options.push(`--data-raw ${sh(req.body)}`);
  } else if (req.body !== undefined) {
    // curl encodes the value after the first '='; the name must arrive encoded already.
    for (const [name, value] of Object.entries(req.body)) options.push(`--data-urlencode ${sh(`${encodeURIComponent(name)}=${value}`)}`);
  }
  // curl infers GET, or POST when there is a body; say the method only when it differs.
  const implied = req.body === undefined ? 'GET' : 'POST';
  const methodFlag = method === implied ? '' : `-X ${/^[A-Z]+$/.test(method) ? method : sh(method)} `;
  return [`curl ${methodFlag}${sh(req.url)}`, ...options.map((o) => `  ${o}`)].join(' \\\n');
}

/**
 * PowerShell single quotes: `$` and backticks are literal; a quote is escaped by doubling it.
 * PowerShell also ends single-quoted strings at the typographic quotes ‘ ’ ‚ ‛, so those are doubled too.
 */
function ps(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, '$&$&')}'`;
}

const PS_METHODS: Record<string, string> = {
  GET: 'Get',
  POST: 'Post',
  PUT: 'Put',
  PATCH: 'Patch',
  DELETE: 'Delete',
  HEAD: 'Head',
  OPTIONS: 'Options',
  TRACE: 'Trace',
  MERGE: 'Merge',
};

function hashtable(variable: string, entries: string[]): string {
  return entries.length === 1 ? `${variable} = @{ ${entries[0]} }` : [`${variable} = @{`, ...entries.map((e) => `  ${e}`), '}'].join('\n');
}

export function toPowerShell(req: SnippetRequest): string {
  const method = req.method.toUpperCase();
  const token = liveToken(req);
  const lines: string[] = [];
  const headerEntries = [
    token === undefined ? `Authorization = "Bearer $env:${TOKEN_VARIABLE}"` : `Authorization = ${ps(`Bearer ${token}`)}`,
  ];
  let contentType: string | undefined;
  let userAgent: string | undefined;
  for (const [name, value] of otherHeaders(req)) {
    // Windows PowerShell 5.1 refuses these two in -Headers; they have their own parameters.
    const lower = name.toLowerCase();
    if (lower === 'content-type') contentType = value;
    else if (lower === 'user-agent') userAgent = value;
    else headerEntries.push(`${ps(name)} = ${ps(value)}`);
  }
  lines.push(hashtable('$headers', headerEntries));

  let bodyArg: string | undefined;
  if (typeof req.body === 'string') {
    bodyArg = ps(req.body);
  } else if (req.body !== undefined) {
    const fields = Object.entries(req.body).map(([name, value]) => `${ps(name)} = ${ps(value)}`);
    lines.push(fields.length === 0 ? '$body = @{}' : hashtable('$body', fields));
    bodyArg = '$body';
    contentType ??= 'application/x-www-form-urlencoded';
  }

  const known = PS_METHODS[method];
  const args = [`-Uri ${ps(req.url)}`, '-Headers $headers'];
  if (contentType !== undefined) args.push(`-ContentType ${ps(contentType)}`);
  if (userAgent !== undefined) args.push(`-UserAgent ${ps(userAgent)}`);
  if (bodyArg !== undefined) args.push(`-Body ${bodyArg}`);
  const command = `Invoke-RestMethod ${known !== undefined ? `-Method ${known}` : `-CustomMethod ${ps(method)}`}`;
  lines.push([command, ...args.map((a) => `  ${a}`)].join(' `\n'));
  return lines.join('\n');
}
