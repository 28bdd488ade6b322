import * as vscode from 'vscode';
import type { Grant } from '../../core/auth/credentials';
import { LoopbackReceiver } from '../../core/auth/loopbackReceiver';
import { authorizeUrl, createPkce, createState } from '../../core/auth/pkce';
import { RingCentralError } from '../../core/errors';
import { isLoopbackHost } from '../../core/serverUrl';

const TIMEOUT_MS = 5 * 60_000;

/** Opens the authorize page; the integration tests put a scripted browser here. */
let openInBrowser = (url: string): Thenable<boolean> => vscode.env.openExternal(vscode.Uri.parse(url, true));
export function setBrowserOpener(open: (url: string) => Thenable<boolean>): void {
  openInBrowser = open;
}

/** Receives `vscode://<extension id>/auth?code=...&state=...` for the URI-handler redirect. */
export class AuthUriHandler implements vscode.UriHandler {
  private pending = new Map<string, (params: URLSearchParams) => void>();

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
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(state, (params) => done(() => resolve(params)));
    });
  }
}

/**
 * Authorization code with PKCE: opens RingCentral's authorize page in the browser and waits (cancellable, 5 minutes)
 * for the redirect on the loopback port or through VS Code's URI handler.
 */
export async function browserGrant(server: string, clientId: string, redirectUri: string, uriHandler: AuthUriHandler): Promise<Grant | undefined> {
  const pkce = createPkce();
  const state = createState();
  const target = new URL(redirectUri);
  const url = authorizeUrl({ server, clientId, redirectUri, state, challenge: pkce.challenge });
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'RingCentral: waiting for you to sign in in the browser…', cancellable: true },
    async (_progress, token) => {
      const ctl = new AbortController();
      const sub = token.onCancellationRequested(() => ctl.abort());
      try {
        let code: string | null;
        if (target.protocol === 'http:' && isLoopbackHost(target.hostname)) {
          const receiver = new LoopbackReceiver(target, state);
          const wait = await receiver.listen(ctl.signal, TIMEOUT_MS);
          await openInBrowser(url);
          code = (await wait()).code;
        } else if (target.protocol === `${vscode.env.uriScheme}:`) {
          const waiting = uriHandler.wait(state, ctl.signal);
          await openInBrowser(url);
          const params = await waiting;
          code = params.get('code');
          if (!code) throw new RingCentralError({ kind: 'http', code: params.get('error') ?? 'access_denied', message: 'RingCentral did not grant access.' });
        } else {
          throw new RingCentralError({
            kind: 'config',
            message: `The redirect URI ${target.protocol}//${target.host} can be neither listened on nor handled by VS Code.`,
            hint: `Set ringcentral.authorizationCode.redirectUri to http://127.0.0.1:PORT/callback or ${vscode.env.uriScheme}://ringcentral-explorer.ringcentral-explorer/auth, and register the same URI in the app.`,
            action: 'openAppSettings',
          });
        }
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

function timeoutError(): RingCentralError {
  return new RingCentralError({ kind: 'timeout', message: 'Browser sign-in did not finish within 5 minutes.', hint: 'Run "RingCentral: Sign In" again and complete the sign-in in the browser.' });
}

function cancelledError(): RingCentralError {
  return new RingCentralError({ kind: 'cancelled', message: 'Sign-in was cancelled.', hint: 'Cancelled; nothing was changed.' });
}
