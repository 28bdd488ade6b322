/** The answer to "which GET should Call API… send": a path under /restapi/, or why the input is not one. */
export type ApiPathCheck = { path: string } | { problem: string };

/** Longest input taken; REST paths with their queries stay far below, and a pasted page of text is not a path. */
const MAX_LENGTH = 2000;

/**
 * Accepts `/restapi/v1.0/...`, `restapi/...`, a shorthand such as `account/~/extension` (v1.0 assumed), or a full URL
 * (copied from the API reference: only its path and query are used). Never throws: any input gives a path or a
 * sentence for the input box's validation message. The path is always sent to the configured server, and nothing in
 * it can move the request elsewhere (`//host`, `\\host`, `..` segments are refused).
 */
export function checkApiPath(input: string): ApiPathCheck {
  const text = input.trim();
  if (text === '') return { problem: 'Enter a path under /restapi/, e.g. /restapi/v1.0/account/~/extension.' };
  if (text.length > MAX_LENGTH) return { problem: `A path is at most ${MAX_LENGTH} characters.` };
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f\s]/.test(text)) return { problem: 'A path has no spaces, tabs or line breaks (encode a space as %20).' };
  let rest = text;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (scheme) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { problem: `"${shorten(text)}" is not a valid URL. Enter a path such as /restapi/v1.0/account/~.` };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: `${url.protocol}// is not a web address. Enter a path such as /restapi/v1.0/account/~.` };
    rest = url.pathname + url.search;
  }
  if (rest.startsWith('//') || rest.includes('\\')) return { problem: 'A path starts with a single / and has no backslashes.' };
  const path = rest.startsWith('/') ? rest : `/${rest}`;
  const full = path.startsWith('/restapi/') ? path : `/restapi/v1.0${path}`;
  const q = full.indexOf('?');
  const pathname = q < 0 ? full : full.slice(0, q);
  if (pathname.split('/').some((segment) => segment === '..' || segment === '.' || /^%2e(%2e)?$|^\.%2e$|^%2e\.$/i.test(segment))) {
    return { problem: 'A path may not contain . or .. segments.' };
  }
  if (/#/.test(full)) return { problem: 'A path has no #fragment.' };
  if (!/^\/restapi\/[^/?]/.test(full)) return { problem: 'Enter a path under /restapi/, e.g. /restapi/v1.0/account/~.' };
  try {
    // The client builds `server + path` with the URL parser: make sure that cannot fail or move elsewhere.
    const probe = new URL(`https://server.invalid${full}`);
    if (probe.host !== 'server.invalid' || !probe.pathname.startsWith('/restapi/')) return { problem: 'Enter a path under /restapi/.' };
  } catch {
    return { problem: `"${shorten(text)}" is not a valid path.` };
  }
  return { path: full };
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
