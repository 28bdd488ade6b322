import { RingCentralError } from '../errors';
import { inertText } from '../serverText';

/** Where the browser sign-in is sent back to. */
export type RedirectTarget =
  /** `http://127.0.0.1:PORT/…`, `http://[::1]:PORT/…` or `http://localhost:PORT/…`: a listener on this machine. */
  | { kind: 'loopback'; uri: URL; port: number; listenHosts: readonly string[] }
  /** `<uriScheme>://<extension id>/…`: VS Code's URI handler hands it to the extension. */
  | { kind: 'uriHandler'; uri: URL };

export interface RedirectContext {
  /** `vscode.env.uriScheme`: vscode, vscode-insiders, code-oss… */
  uriScheme: string;
  /** publisher.name, the authority VS Code routes to this extension. */
  extensionId: string;
}

/** Loopback hosts a redirect may name, and the addresses to listen on for each. */
const LOOPBACK_LISTEN: Record<string, readonly string[]> = {
  '127.0.0.1': ['127.0.0.1'],
  '[::1]': ['::1'],
  // The browser may resolve localhost to either address; listening on both catches it wherever it goes.
  localhost: ['127.0.0.1', '::1'],
};

/**
 * Checks the ringcentral.authorizationCode.redirectUri setting before a browser is opened, so that a URI the extension
 * could never receive fails at once with what to change, not after five minutes of waiting.
 */
export function parseRedirectUri(raw: string, ctx: RedirectContext): RedirectTarget {
  let uri: URL;
  try {
    uri = new URL(raw.trim());
  } catch {
    throw refused(raw, 'is not a URL', ctx);
  }
  if (uri.hash !== '' || raw.includes('#')) throw refused(raw, 'has a #fragment, which OAuth does not allow in a redirect URI', ctx);
  if (uri.username !== '' || uri.password !== '') throw refused(raw, 'contains a user name or password', ctx);
  if (uri.protocol === 'http:') {
    const listenHosts = LOOPBACK_LISTEN[uri.hostname];
    if (!listenHosts) throw refused(raw, `names ${uri.hostname}, which is not this machine: a plain http:// redirect must go to 127.0.0.1, [::1] or localhost`, ctx);
    if (uri.port === '') throw refused(raw, 'names no port (or port 80): the extension listens on the port the URI names, so name one, such as 52587', ctx);
    return { kind: 'loopback', uri, port: Number(uri.port), listenHosts };
  }
  if (uri.protocol === `${ctx.uriScheme}:`) {
    if (uri.host.toLowerCase() !== ctx.extensionId.toLowerCase()) {
      throw refused(raw, `goes to ${uri.host}, but VS Code hands ${ctx.uriScheme}:// URIs only to the extension they name (${ctx.extensionId})`, ctx);
    }
    return { kind: 'uriHandler', uri };
  }
  throw refused(raw, `uses ${uri.protocol}//, which neither reaches a listener on this machine nor VS Code (this VS Code opens ${ctx.uriScheme}:// URIs)`, ctx);
}

/** The OAU-109 / OAU-113 advice: RingCentral compares the redirect URI character for character with the app's list. */
export function registerAdvice(redirectUri: string): string {
  return `RingCentral accepts only a redirect URI registered for the app, character for character: add ${inertText(redirectUri, 200)} to the app's OAuth redirect URIs in the Developer Console if the browser reports OAU-109 or OAU-113.`;
}

function refused(raw: string, why: string, ctx: RedirectContext): RingCentralError {
  return new RingCentralError({
    kind: 'config',
    message: `The redirect URI ${inertText(raw, 200)} ${why}.`,
    hint: `Set ringcentral.authorizationCode.redirectUri to http://127.0.0.1:PORT/callback or ${ctx.uriScheme}://${ctx.extensionId}/auth in your user settings, and register exactly the same URI for the app in the RingCentral Developer Console.`,
    action: 'checkRedirectUri',
  });
}
