import assert from 'node:assert/strict';
import * as net from 'node:net';
import { listenForRedirect, type LoopbackTarget } from '../../src/core/auth/loopbackReceiver';
import { parseRedirectUri } from '../../src/core/auth/redirectUri';
import { RingCentralError } from '../../src/core/errors';

const CTX = { uriScheme: 'vscode', extensionId: 'ringcentral-explorer.ringcentral-explorer' };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

function target(uri: string): LoopbackTarget {
  const t = parseRedirectUri(uri, CTX);
  assert.equal(t.kind, 'loopback');
  if (t.kind !== 'loopback') throw new Error('unreachable');
  return t;
}

/** True when something accepts connections on host:port. */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function ipv6Loopback(): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => server.close(() => resolve(true)));
  });
}

/** Counts unhandled rejections while `body` runs and a little after (they surface a tick late). */
async function unhandledDuring(body: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void seen.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await body();
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return seen;
}

describe('loopback receiver for the browser sign-in', () => {
  let port: number;
  beforeEach(async () => {
    port = await freePort();
  });

  it('accepts only the redirect with our state, answers the browser, and stops listening', async () => {
    const wait = await listenForRedirect(target(`http://127.0.0.1:${port}/callback`), 'our-state', { signal: new AbortController().signal, timeoutMs: 10_000 });
    const wrong = await fetch(`http://127.0.0.1:${port}/callback?code=evil&state=other`);
    assert.equal(wrong.status, 400);
    const elsewhere = await fetch(`http://127.0.0.1:${port}/favicon.ico`);
    assert.equal(elsewhere.status, 404);
    const posted = await fetch(`http://127.0.0.1:${port}/callback?code=x&state=our-state`, { method: 'POST' });
    assert.equal(posted.status, 405);
    const right = await fetch(`http://127.0.0.1:${port}/callback?code=the-code&state=our-state`);
    assert.equal(right.status, 200);
    assert.match(right.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(await right.text(), /close this tab/);
    assert.deepEqual(await wait.result, { code: 'the-code' });
    assert.equal(await listening('127.0.0.1', port), false, 'no longer listening');
  });

  it('listens on [::1] when the redirect URI names it', async function () {
    if (!(await ipv6Loopback())) this.skip(); // this machine has no IPv6 loopback
    const wait = await listenForRedirect(target(`http://[::1]:${port}/cb`), 's', { signal: new AbortController().signal, timeoutMs: 10_000 });
    assert.equal(await listening('127.0.0.1', port), false, 'not on 127.0.0.1');
    const right = await fetch(`http://[::1]:${port}/cb?code=c6&state=s`);
    assert.equal(right.status, 200);
    assert.deepEqual(await wait.result, { code: 'c6' });
  });

  it('for localhost listens on 127.0.0.1 and, where the machine has it, on ::1: the browser may resolve either', async () => {
    const v6 = await ipv6Loopback();
    const wait = await listenForRedirect(target(`http://localhost:${port}/cb`), 's', { signal: new AbortController().signal, timeoutMs: 10_000 });
    assert.equal(await listening('127.0.0.1', port), true);
    assert.equal(await listening('::1', port), v6);
    const right = await fetch(`http://127.0.0.1:${port}/cb?code=c4&state=s`);
    assert.equal(right.status, 200);
    assert.deepEqual(await wait.result, { code: 'c4' });
    assert.equal(await listening('127.0.0.1', port), false);
    assert.equal(await listening('::1', port), false);
  });

  it('closes the listener on a denial, a timeout, a cancellation and a close, each a typed error', async () => {
    const uri = `http://127.0.0.1:${port}/cb`;
    const denied = await listenForRedirect(target(uri), 's', { signal: new AbortController().signal, timeoutMs: 10_000 });
    await fetch(`http://127.0.0.1:${port}/cb?error=access_denied&error_description=[x](command:y)&state=s`);
    const deniedError = await denied.result.catch((e: unknown) => e as RingCentralError);
    assert.ok(deniedError instanceof RingCentralError && deniedError.code === 'access_denied');
    assert.doesNotMatch(deniedError.message, /\]\(/, 'the description cannot become a link');
    assert.equal(await listening('127.0.0.1', port), false, 'closed after the error redirect');

    const slow = await listenForRedirect(target(uri), 's', { signal: new AbortController().signal, timeoutMs: 50 });
    await assert.rejects(slow.result, (e: unknown) => e instanceof RingCentralError && e.kind === 'timeout');
    assert.equal(await listening('127.0.0.1', port), false, 'closed after the timeout');

    const ctl = new AbortController();
    const cancelled = await listenForRedirect(target(uri), 's', { signal: ctl.signal, timeoutMs: 10_000 });
    ctl.abort();
    await assert.rejects(cancelled.result, (e: unknown) => e instanceof RingCentralError && e.kind === 'cancelled');
    assert.equal(await listening('127.0.0.1', port), false, 'closed after the cancel');

    const closed = await listenForRedirect(target(uri), 's', { signal: new AbortController().signal, timeoutMs: 10_000 });
    closed.close();
    closed.close();
    await assert.rejects(closed.result, (e: unknown) => e instanceof RingCentralError && e.kind === 'cancelled');
    assert.equal(await listening('127.0.0.1', port), false, 'closed after close()');
  });

  it('leaves no unhandled rejection when nobody waits for the result (the browser did not open)', async () => {
    const uri = `http://127.0.0.1:${port}/cb`;
    const unhandled = await unhandledDuring(async () => {
      const timedOut = await listenForRedirect(target(uri), 's', { signal: new AbortController().signal, timeoutMs: 10 });
      await new Promise((r) => setTimeout(r, 40));
      assert.equal(await listening('127.0.0.1', port), false);
      const ctl = new AbortController();
      await listenForRedirect(target(uri), 's', { signal: ctl.signal, timeoutMs: 10_000 });
      ctl.abort();
      const dropped = await listenForRedirect(target(uri), 's', { signal: new AbortController().signal, timeoutMs: 10_000 });
      dropped.close();
      void timedOut;
    });
    assert.deepEqual(unhandled, []);
    assert.equal(await listening('127.0.0.1', port), false);
  });

  it('an already aborted signal ends the wait at once', async () => {
    const ctl = new AbortController();
    ctl.abort();
    const wait = await listenForRedirect(target(`http://127.0.0.1:${port}/cb`), 's', { signal: ctl.signal, timeoutMs: 10_000 });
    await assert.rejects(wait.result, (e: unknown) => e instanceof RingCentralError && e.kind === 'cancelled');
    assert.equal(await listening('127.0.0.1', port), false);
  });

  it('says which port is taken and what to do', async () => {
    const first = await listenForRedirect(target(`http://127.0.0.1:${port}/cb`), 's', { signal: new AbortController().signal, timeoutMs: 10_000 });
    await assert.rejects(
      listenForRedirect(target(`http://localhost:${port}/cb`), 's', { signal: new AbortController().signal, timeoutMs: 1000 }),
      (e: unknown) => e instanceof RingCentralError && /Cannot listen/.test(e.message) && e.message.includes(String(port)) && /another port/.test(e.hint) && e.action === 'checkRedirectUri',
    );
    first.close();
    assert.equal(await listening('::1', port), false, 'the half that did listen was closed again');
  });
});

describe('redirect URI setting, checked before the browser opens', () => {
  it('accepts the loopback hosts with a port, and this extension\'s vscode:// URI', () => {
    assert.deepEqual(target('http://127.0.0.1:52587/callback').listenHosts, ['127.0.0.1']);
    assert.deepEqual(target('http://[::1]:52587/callback').listenHosts, ['::1']);
    assert.deepEqual(target('http://LOCALHOST:52587/cb').listenHosts, ['127.0.0.1', '::1']);
    assert.equal(parseRedirectUri('vscode://RingCentral-Explorer.ringcentral-explorer/auth', CTX).kind, 'uriHandler');
    assert.equal(parseRedirectUri('code-oss://ringcentral-explorer.ringcentral-explorer/auth', { ...CTX, uriScheme: 'code-oss' }).kind, 'uriHandler');
  });

  it('refuses what the extension could never receive, saying what to set', () => {
    const bad: [string, RegExp][] = [
      ['not a uri', /is not a URL/],
      ['http://127.0.0.2:5000/cb', /not this machine/],
      ['http://192.168.1.5:5000/cb', /not this machine/],
      ['http://127.0.0.1/cb', /names no port/],
      ['http://127.0.0.1:80/cb', /names no port/],
      ['http://127.0.0.1:5000/cb#frag', /fragment/],
      ['http://u:p@127.0.0.1:5000/cb', /user name or password/],
      ['https://127.0.0.1:5000/cb', /https:\/\//],
      ['vscode://someone.else/auth', /only to the extension they name/],
      ['vscode-insiders://ringcentral-explorer.ringcentral-explorer/auth', /this VS Code opens vscode:\/\//],
    ];
    for (const [uri, why] of bad) {
      assert.throws(
        () => parseRedirectUri(uri, CTX),
        (e: unknown) => e instanceof RingCentralError && e.kind === 'config' && why.test(e.message) && /authorizationCode\.redirectUri/.test(e.hint) && e.action === 'checkRedirectUri',
        uri,
      );
    }
  });
});
