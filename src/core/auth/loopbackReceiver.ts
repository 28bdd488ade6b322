import * as http from 'node:http';
import { RingCentralError } from '../errors';
import { inertText } from '../serverText';

export interface AuthorizationResponse {
  code: string;
}

/** What the listener answers one request with, and what it learnt from it. */
export interface RedirectVerdict {
  status: number;
  /** An HTML page to answer with; a bare status otherwise. */
  page?: { heading: string; text: string };
  /** Set only for the redirect that carries our state: RingCentral's code, or its refusal. */
  outcome?: { code: string } | { error: string; description?: string };
}

/** Longest code accepted; RingCentral's are a few hundred characters. */
const MAX_CODE_LENGTH = 4096;

/**
 * Judges one request to the loopback listener. Only a GET of the redirect path whose single `state` is ours counts;
 * anything else (another path, a favicon, a port scanner, a forged or repeated state) gets an answer and changes
 * nothing. Pure, so that the property tests can throw any method, path and query at it.
 */
export function judgeRedirect(method: string | undefined, target: string | undefined, expected: { path: string; state: string }): RedirectVerdict {
  if (method !== 'GET') return { status: 405 };
  const { path, query } = splitTarget(target ?? '/');
  if (path !== expected.path) return { status: 404 };
  const states = query.getAll('state');
  if (states.length !== 1 || states[0] !== expected.state) {
    return { status: 400, page: { heading: 'Sign-in not recognised', text: 'This answer does not belong to the sign-in VS Code started. Start "RingCentral: Sign In" again.' } };
  }
  const codes = query.getAll('code');
  const error = query.get('error');
  if (error !== null || codes.length !== 1 || codes[0] === '' || (codes[0]?.length ?? 0) > MAX_CODE_LENGTH) {
    const description = query.get('error_description');
    return {
      status: 400,
      page: { heading: 'Sign-in failed', text: 'RingCentral did not grant access. Return to VS Code for details.' },
      outcome: { error: error === null || error === '' ? 'no_code' : error, ...(description ? { description } : {}) },
    };
  }
  return { status: 200, page: { heading: 'RingCentral sign-in received', text: 'You can close this tab and return to VS Code.' }, outcome: { code: codes[0] as string } };
}

/** Path and query of a request target, origin form (`/cb?x`) or absolute form (`http://host/cb?x`), never throwing. */
function splitTarget(target: string): { path: string; query: URLSearchParams } {
  let rest = target;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || '/';
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  return { path: q < 0 ? rest : rest.slice(0, q), query: new URLSearchParams(q < 0 ? '' : rest.slice(q + 1)) };
}

const page = (heading: string, text: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>RingCentral Explorer</title>` +
  `<style>body{font-family:system-ui,sans-serif;margin:15vh auto;max-width:32rem;color:#333}h1{font-size:1.4rem}</style></head>` +
  `<body><h1>${heading}</h1><p>${text}</p></body></html>`;

// The page's address holds the code: nothing may be loaded from it, cached or sent on as a referrer.
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};

export interface LoopbackTarget {
  /** The registered redirect URI; its path is the one answered. */
  uri: URL;
  port: number;
  /** Addresses to listen on (127.0.0.1, ::1, or both for localhost). */
  listenHosts: readonly string[];
}

export interface LoopbackWait {
  /**
   * The code, or a typed error: refused in the browser, timed out, cancelled, closed. Settles once; the listener is
   * closed as it settles. Never an unhandled rejection, whether or not anyone awaits it.
   */
  readonly result: Promise<AuthorizationResponse>;
  /** Stops listening at once; a result still pending becomes "cancelled". Safe to call any number of times. */
  close(): void;
}

/**
 * Listens on the registered loopback redirect URI for the browser's return from RingCentral. Resolves once listening
 * (or rejects with a typed error naming the port when it cannot); the returned wait ends on the first redirect that
 * carries our `state`, on timeout, on `signal`, or on close, and the listener is closed on every one of these paths.
 */
export async function listenForRedirect(target: LoopbackTarget, state: string, options: { signal: AbortSignal; timeoutMs: number }): Promise<LoopbackWait> {
  let resolveCode!: (r: AuthorizationResponse) => void;
  let rejectCode!: (e: unknown) => void;
  const result = new Promise<AuthorizationResponse>((res, rej) => {
    resolveCode = res;
    rejectCode = rej;
  });
  // Whoever waits sees the rejection; when nobody does (the browser could not be opened), it must not go unhandled.
  result.catch(() => undefined);
  let servers: http.Server[] = [];
  let settled = false;
  const finish = (settle: () => void): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
    for (const server of servers) {
      server.close();
      // Browsers keep the connection open for the next request; the answer is written, so drop it.
      server.closeAllConnections();
    }
    settle();
  };
  const onAbort = (): void => finish(() => rejectCode(cancelled()));
  const timer = setTimeout(
    () => finish(() => rejectCode(new RingCentralError({ kind: 'timeout', message: `Browser sign-in did not finish within ${duration(options.timeoutMs)}.`, hint: 'Run "RingCentral: Sign In" again and complete the sign-in in the browser.' }))),
    options.timeoutMs,
  );
  const onRequest: http.RequestListener = (req, res) => {
    const verdict: RedirectVerdict = settled ? { status: 410 } : judgeRedirect(req.method, req.url, { path: target.uri.pathname, state });
    if (verdict.page) res.writeHead(verdict.status, PAGE_HEADERS).end(page(verdict.page.heading, verdict.page.text));
    else res.writeHead(verdict.status, { 'Cache-Control': 'no-store' }).end();
    const outcome = verdict.outcome;
    if (!outcome) return;
    if ('code' in outcome) finish(() => resolveCode({ code: outcome.code }));
    else finish(() => rejectCode(refusedInBrowser(outcome.error, outcome.description)));
  };
  let listening: http.Server[];
  try {
    listening = await listenAll(target, onRequest);
  } catch (e) {
    finish(() => rejectCode(e));
    throw e;
  }
  servers = listening;
  // Timed out or cancelled while the sockets were being opened: they close at once.
  if (settled) for (const server of servers) server.close();
  if (options.signal.aborted) onAbort();
  else options.signal.addEventListener('abort', onAbort, { once: true });
  return { result, close: () => finish(() => rejectCode(cancelled())) };
}

/** Listens on every address of the target; localhost needs only one of its two (a machine may have no IPv6). */
async function listenAll(target: LoopbackTarget, handler: http.RequestListener): Promise<http.Server[]> {
  const attempts = await Promise.allSettled(target.listenHosts.map((host) => listenOn(host, target.port, handler)));
  const servers = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
  const failure = attempts.find((a): a is PromiseRejectedResult => a.status === 'rejected');
  const inUse = attempts.some((a) => a.status === 'rejected' && (a.reason as NodeJS.ErrnoException).code === 'EADDRINUSE');
  if (servers.length > 0 && !inUse) return servers;
  for (const s of servers) s.close();
  const e = failure?.reason as NodeJS.ErrnoException | undefined;
  const host = target.uri.host;
  throw new RingCentralError({
    kind: 'config',
    message: `Cannot listen for the browser sign-in on ${host} (${e?.code ?? 'error'}).`,
    hint:
      e?.code === 'EACCES'
        ? `Port ${target.port} needs administrator rights. Choose a port above 1024 in ringcentral.authorizationCode.redirectUri and register the same URI for the app.`
        : 'Another program uses that port. Choose another port in ringcentral.authorizationCode.redirectUri and register the same URI for the app.',
    action: 'checkRedirectUri',
    cause: e,
  });
}

function listenOn(host: string, port: number, handler: http.RequestListener): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      // A client error (a malformed request) must not end the process; the listener just drops that connection.
      server.on('clientError', (_e, socket) => socket.destroy());
      resolve(server);
    });
  });
}

function refusedInBrowser(error: string, description: string | undefined): RingCentralError {
  const code = inertText(error, 60);
  const why = description ? `: ${inertText(description, 200)}` : '';
  return new RingCentralError({
    kind: 'http',
    code: code === 'no_code' ? 'access_denied' : code,
    message: code === 'no_code' ? 'RingCentral sent the browser back without a sign-in code.' : `RingCentral did not grant access (${code}${why}).`,
  });
}

function duration(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`;
}

function cancelled(): RingCentralError {
  return new RingCentralError({ kind: 'cancelled', message: 'Sign-in was cancelled.', hint: 'Cancelled; nothing was changed.' });
}
