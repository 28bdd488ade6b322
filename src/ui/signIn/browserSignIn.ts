import * as vscode from 'vscode';
import type { Grant } from '../../core/auth/credentials';
import { listenForRedirect, type LoopbackTarget } from '../../core/auth/loopbackReceiver';
import { authorizeUrl, createPkce, createState } from '../../core/auth/pkce';
import { parseRedirectUri, registerAdvice } from '../../core/auth/redirectUri';
import { RingCentralError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { Redactor } from '../../core/redact';
import { inertText } from '../../core/serverText';
import { EXTENSION_ID } from '../ids';

const TIMEOUT_MS = 5 * 60_000;

/** Opens the authorize page; the integration tests put a scripted browser here. */
let openInBrowser = (url: string): Thenable<boolean> => vscode.env.openExternal(vscode.Uri.parse(url, true));
export function setBrowserOpener(open: (url: string) => Thenable<boolean>): void {
  openInBrowser = open;
}

type Progress = vscode.Progress<{ message?: string }>;

/**
 * What every browser sign-in shares: the receiver of `vscode://<extension id>/auth?code=...&state=...` redirects, the
 * redactor that learns each sign-in's code and PKCE verifier, and the log.
 */
export class AuthUriHandler implements vscode.UriHandler {
  private pending = new Map<string, (params: URLSearchParams) => void>();

  constructor(
    readonly redactor: Redactor,
    readonly logger: Logger,
  ) {}

  handleUri(uri: vscode.Uri): void {
    const params = new URLSearchParams(uri.query);
    this.pending.get(params.get('state') ?? '')?.(params);
  }

  wait(state: string, signal: AbortSignal): Promise<URLSearchParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(() => reject(timeoutError())), TIMEOUT_MS);
      const onAbort = (): void => done(() => reject(cancelledError()));
      const done = (settle: () => void): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.pending.delete(state);
        settle();
      };
      if (signal.aborted) {
        done(() => reject(cancelledError()));
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(state, (params) => done(() => resolve(params)));
    });
  }
}

/**
 * Authorization code with PKCE: checks the redirect URI, opens RingCentral's authorize page in the browser and waits
 * (cancellable, 5 minutes) for the redirect on the loopback port or through VS Code's URI handler. Whatever ends the
 * wait, the loopback listener is closed. Resolves undefined when the user cancels.
 */
export async function browserGrant(server: string, clientId: string, redirectUri: string, shared: AuthUriHandler): Promise<Grant | undefined> {
  // Before anything opens: a URI the extension can never receive fails now, with what to change.
  const target = parseRedirectUri(redirectUri, { uriScheme: vscode.env.uriScheme, extensionId: EXTENSION_ID });
  const pkce = createPkce();
  const state = createState();
  shared.redactor.add(pkce.verifier);
  const url = authorizeUrl({ server, clientId, redirectUri, state, challenge: pkce.challenge });
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'RingCentral: waiting for you to sign in in the browser…', cancellable: true },
    async (progress, token) => {
      const ctl = new AbortController();
      const sub = token.onCancellationRequested(() => ctl.abort());
      try {
        const code =
          target.kind === 'loopback'
            ? await viaLoopback({ ...target }, state, url, ctl.signal, progress, shared.logger)
            : await viaUriHandler(shared, state, url, ctl.signal, progress, redirectUri);
        shared.redactor.add(code);
        return { type: 'authorizationCode', code, redirectUri, codeVerifier: pkce.verifier };
      } catch (e) {
        if (e instanceof RingCentralError && e.kind === 'cancelled') return undefined;
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
}

async function viaLoopback(target: LoopbackTarget, state: string, url: string, signal: AbortSignal, progress: Progress, logger: Logger): Promise<string> {
  const wait = await listenForRedirect(target, state, { signal, timeoutMs: TIMEOUT_MS });
  try {
    const advice = await loopbackAdvice(target, logger);
    progress.report({ message: advice });
    await open(url);
    return (await wait.result).code;
  } finally {
    wait.close();
  }
}

/**
 * What to tell the user while the browser is open. In a remote window (SSH, WSL, a container, the server build in a
 * browser) the listener runs on the remote machine; `asExternalUri` forwards its port to the machine the browser runs
 * on. The browser comes back to the registered URI, so that works only when the forward keeps the same port on a
 * loopback address; otherwise the user is told plainly what to do instead.
 */
async function loopbackAdvice(target: LoopbackTarget, logger: Logger): Promise<string> {
  const register = registerAdvice(target.uri.toString());
  logger.info(`Browser sign-in: listening on ${target.uri.host} for ${target.uri.toString()}. ${register}`);
  const remote = vscode.env.remoteName ?? (vscode.env.uiKind === vscode.UIKind.Web ? 'web' : undefined);
  if (remote === undefined) return register;
  let external: vscode.Uri | undefined;
  try {
    external = await vscode.env.asExternalUri(vscode.Uri.parse(target.uri.toString(), true));
  } catch (e) {
    logger.warn(`Could not forward port ${target.port} of this remote window: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (external && reachesSamePort(external, target)) {
    logger.info(`Browser sign-in in a remote window (${remote}): port ${target.port} is forwarded to ${external.toString(true)}.`);
    return register;
  }
  const plain =
    `This window runs on a remote machine (${inertText(remote, 40)}). RingCentral sends the browser back to ${target.uri.toString()}, ` +
    `which reaches VS Code only if the browser runs on that machine${external ? ` (VS Code forwards the port as ${inertText(external.toString(true), 120)})` : ''}. ` +
    `If the browser then shows "cannot connect", cancel and sign in with a JWT credential, or use a redirect URI your browser can reach and register it for the app.`;
  logger.warn(plain);
  return `${plain} ${register}`;
}

function reachesSamePort(external: vscode.Uri, target: LoopbackTarget): boolean {
  if (external.scheme !== 'http') return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(external.authority);
  const host = match?.[1]?.toLowerCase();
  return host !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(host) && Number(match?.[2] ?? 80) === target.port;
}

async function viaUriHandler(shared: AuthUriHandler, state: string, url: string, signal: AbortSignal, progress: Progress, redirectUri: string): Promise<string> {
  if (vscode.env.uiKind === vscode.UIKind.Web) {
    // In a browser VS Code cannot be reached through a vscode:// link: the web build answers such URIs at an address
    // of its own that changes on every request, so RingCentral could never match it with a registered URI.
    throw new RingCentralError({
      kind: 'config',
      message: `VS Code in a browser cannot receive the ${inertText(redirectUri, 120)} redirect.`,
      hint: 'Sign in with a JWT credential (ringcentral.authFlow: jwt), or use desktop VS Code for the browser sign-in.',
      action: 'checkRedirectUri',
    });
  }
  // Ends the wait when opening fails too, so nothing is left registered for a browser that never opened.
  const stop = new AbortController();
  const waiting = shared.wait(state, AbortSignal.any([signal, stop.signal]));
  waiting.catch(() => undefined);
  progress.report({ message: registerAdvice(redirectUri) });
  try {
    await open(url);
  } catch (e) {
    stop.abort();
    throw e;
  }
  const params = await waiting;
  const code = params.get('code');
  if (!code) {
    const error = params.get('error') ?? 'access_denied';
    throw new RingCentralError({ kind: 'http', code: inertText(error, 60), message: `RingCentral did not grant access (${inertText(error, 60)}).` });
  }
  return code;
}

/** Opens the authorize page; a browser that does not open is an error that says what to do, not a silent wait. */
async function open(url: string): Promise<void> {
  let opened: boolean;
  try {
    opened = await openInBrowser(url);
  } catch (e) {
    throw notOpened(e);
  }
  if (!opened) throw notOpened(undefined);
}

function notOpened(cause: unknown): RingCentralError {
  return new RingCentralError({
    kind: 'config',
    message: 'VS Code did not open the RingCentral sign-in page in the browser.',
    hint: 'Allow VS Code to open the link when it asks, or set a default browser in your system, then run "RingCentral: Sign In" again. Signing in with a JWT credential needs no browser.',
    ...(cause === undefined ? {} : { cause }),
  });
}

function timeoutError(): RingCentralError {
  return new RingCentralError({ kind: 'timeout', message: 'Browser sign-in did not finish within 5 minutes.', hint: 'Run "RingCentral: Sign In" again and complete the sign-in in the browser.' });
}

function cancelledError(): RingCentralError {
  return new RingCentralError({ kind: 'cancelled', message: 'Sign-in was cancelled.', hint: 'Cancelled; nothing was changed.' });
}
