import * as http from 'node:http';
import { RingCentralError } from '../errors';

export interface AuthorizationResponse {
  code: string;
}

const PAGE = (heading: string, text: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>RingCentral Explorer</title>` +
  `<style>body{font-family:system-ui,sans-serif;margin:15vh auto;max-width:32rem;color:#333}h1{font-size:1.4rem}</style></head>` +
  `<body><h1>${heading}</h1><p>${text}</p></body></html>`;

/**
 * Listens on the registered loopback redirect URI (127.0.0.1 only) for the browser's return from RingCentral,
 * and accepts only the answer that carries our `state`.
 */
export class LoopbackReceiver {
  private server: http.Server | undefined;

  constructor(
    private readonly redirectUri: URL,
    private readonly state: string,
  ) {}

  /** Starts listening; resolves with the code, rejects on an error answer, cancellation or timeout. */
  async listen(signal: AbortSignal, timeoutMs: number): Promise<() => Promise<AuthorizationResponse>> {
    let resolveCode!: (r: AuthorizationResponse) => void;
    let rejectCode!: (e: unknown) => void;
    const result = new Promise<AuthorizationResponse>((res, rej) => {
      resolveCode = res;
      rejectCode = rej;
    });
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.redirectUri);
      if (url.pathname !== this.redirectUri.pathname) {
        res.writeHead(404).end();
        return;
      }
      if (url.searchParams.get('state') !== this.state) {
        res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE('Sign-in not recognised', 'This answer does not belong to the sign-in VS Code started. Start "RingCentral: Sign In" again.'));
        return;
      }
      const error = url.searchParams.get('error');
      const code = url.searchParams.get('code');
      if (error || !code) {
        res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE('Sign-in failed', 'RingCentral did not grant access. Return to VS Code for details.'));
        rejectCode(new RingCentralError({ kind: 'http', code: error ?? 'access_denied', message: `RingCentral did not grant access (${error ?? 'no code'}).` }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE('Signed in to RingCentral', 'You can close this tab and return to VS Code.'));
      resolveCode({ code });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          new RingCentralError({
            kind: 'config',
            message: `Cannot listen for the browser sign-in on ${this.redirectUri.host} (${e.code ?? 'error'}).`,
            hint: 'Another program uses that port. Choose another port in ringcentral.authorizationCode.redirectUri and register the same URI in the app.',
            cause: e,
          }),
        ),
      );
      server.listen(Number(this.redirectUri.port || 80), '127.0.0.1', () => resolve());
    });
    const timer = setTimeout(
      () => rejectCode(new RingCentralError({ kind: 'timeout', message: 'Browser sign-in did not finish within 5 minutes.', hint: 'Run "RingCentral: Sign In" again and complete the sign-in in the browser.' })),
      timeoutMs,
    );
    const onAbort = (): void => rejectCode(new RingCentralError({ kind: 'cancelled', message: 'Sign-in was cancelled.', hint: 'Cancelled; nothing was changed.' }));
    signal.addEventListener('abort', onAbort, { once: true });
    return () =>
      result.finally(() => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.close();
      });
  }

  close(): void {
    this.server?.close();
    this.server?.closeAllConnections();
    this.server = undefined;
  }
}
