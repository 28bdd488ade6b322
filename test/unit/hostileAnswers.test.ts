import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_TIMER_MS, sleep, type Clock } from '../../src/core/clock';
import { RingCentralError } from '../../src/core/errors';
import { HEADER_CAPS, responseLimits, retryAfterSeconds } from '../../src/core/http/headers';
import { RestClient } from '../../src/core/http/restClient';
import { fetchTransport, MAX_BODY_BYTES, type Transport, type TransportResponse } from '../../src/core/http/transport';
import { undiciTransport } from '../../src/core/http/undiciTransport';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { rig } from './support';

const ACCOUNT = '/restapi/v1.0/account/~';

/** How VS Code finds links in a notification (src/vs/base/common/linkedText.ts, LINK_REGEX). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/** A response as a transport hands it over: only the headers matter to the parsers under test. */
function answer(status: number, headers: Record<string, string>): TransportResponse {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, headers: { get: (name) => lower.get(name.toLowerCase()) ?? null }, text: () => Promise.resolve('') };
}

describe('hostile or broken answers: headers are capped where they are parsed', () => {
  it('a Retry-After of 25 days, a far HTTP date or garbage never asks for more than the cap', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(retryAfterSeconds(answer(429, { 'Retry-After': String(25 * 86_400) }), now), HEADER_CAPS.maxWaitSeconds);
    assert.equal(retryAfterSeconds(answer(429, { 'Retry-After': 'Fri, 31 Dec 9999 23:59:59 GMT' }), now), HEADER_CAPS.maxWaitSeconds);
    assert.equal(retryAfterSeconds(answer(429, { 'Retry-After': '1e308' }), now), HEADER_CAPS.maxWaitSeconds);
    assert.equal(retryAfterSeconds(answer(429, { 'Retry-After': '-5' }), now), 0);
    assert.equal(retryAfterSeconds(answer(429, { 'Retry-After': 'soon' }), now), undefined);
    assert.equal(retryAfterSeconds(answer(429, { 'Retry-After': '60' }), now), 60, 'the platform value passes unchanged');
  });

  it('X-Rate-Limit-Limit of 20,000,000 is believed only up to the cap, and remaining never exceeds the limit', () => {
    const limits = responseLimits(answer(200, { 'X-Rate-Limit-Limit': '20000000', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Window': '31536000' }), 0);
    assert.deepEqual(limits, { status: 200, limit: HEADER_CAPS.maxLimit, remaining: 0, windowSeconds: HEADER_CAPS.maxWaitSeconds });
    const raised = responseLimits(answer(200, { 'X-Rate-Limit-Limit': '10000000', 'X-Rate-Limit-Remaining': '9999990' }), 0);
    assert.equal(raised.remaining, raised.limit, 'a raised limit with room left keeps all the room');
    const odd = responseLimits(answer(200, { 'X-Rate-Limit-Limit': '0', 'X-Rate-Limit-Remaining': '-3', 'X-Rate-Limit-Window': 'NaN' }), 0);
    assert.deepEqual(odd, { status: 200, remaining: 0 });
    const documented = responseLimits(answer(200, { 'X-Rate-Limit-Limit': '1000', 'X-Rate-Limit-Remaining': '999', 'X-Rate-Limit-Window': '60' }), 0);
    assert.deepEqual(documented, { status: 200, limit: 1000, remaining: 999, windowSeconds: 60 }, 'the values of the docs example pass unchanged');
  });
});

describe('sleep', () => {
  it('waits past the 32-bit timer limit instead of firing at once, and ends on abort', async () => {
    const ctl = new AbortController();
    let ended = false;
    const long = sleep(MAX_TIMER_MS + 1000, ctl.signal).then(
      () => (ended = true),
      () => undefined,
    );
    const forever = sleep(Infinity, ctl.signal).then(
      () => (ended = true),
      () => undefined,
    );
    await sleep(200);
    assert.equal(ended, false, 'a 24.8-day sleep did not end after 200 ms');
    ctl.abort(new Error('stop'));
    await Promise.all([long, forever]);
    assert.equal(ended, false);
  });

  it('treats NaN and negative delays as no delay', async () => {
    const started = Date.now();
    await sleep(Number.NaN);
    await sleep(-1);
    assert.ok(Date.now() - started < 1000);
  });
});

describe('hostile or broken answers against the emulator', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ phoneNumbers: 10, unlimited: true });
  });
  afterEach(() => emu.close());

  it('a 429 with Retry-After of 25 days: the error says at most 10 minutes, and a waiting request sleeps instead of spinning', async () => {
    let reads = 0;
    const counting: Clock = { now: () => (reads++, emu.clock.now()) };
    const { tokens, api, client } = rig(emu, { client: { clock: counting } });
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.inject({ kind: 'status', status: 429, retryAfter: 25 * 86_400, path: ACCOUNT });
    const refused = await api.get(ACCOUNT, undefined, { waitForRateLimit: false }).then(
      () => assert.fail('should be refused'),
      (e: unknown) => e as RingCentralError,
    );
    assert.ok(refused instanceof RingCentralError);
    assert.ok((refused.retryAfter ?? Infinity) <= HEADER_CAPS.maxWaitSeconds, `retryAfter ${refused.retryAfter}`);
    // A request that waits for the penalty: over 300 ms it may look at the clock a few times, not once a millisecond.
    const ctl = new AbortController();
    const waiting = api.get(ACCOUNT, undefined, { signal: ctl.signal }).catch((e: unknown) => e);
    await sleep(50);
    reads = 0;
    await sleep(300);
    const during = reads;
    ctl.abort();
    assert.ok((await waiting) instanceof Error, 'the cancel ended the wait');
    assert.ok(during < 20, `the clock was read ${during} times in 300 ms of waiting`);
    assert.equal(emu.requestsTo(ACCOUNT, 'GET').length, 1, 'nothing was sent during the penalty');
    assert.ok(client.gates.get('Light').state().penaltyUntil! - emu.clock.now() <= HEADER_CAPS.maxWaitSeconds * 1000);
  });

  it('X-Rate-Limit-Limit: 2,000,000 with nothing remaining does not make the gate hold a place per unit', async () => {
    const { tokens, client } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.inject({
      kind: 'status',
      status: 200,
      path: ACCOUNT,
      body: emu.data.account,
      headers: { 'X-Rate-Limit-Group': 'Light', 'X-Rate-Limit-Limit': '2000000', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Window': '60' },
    });
    const before = process.memoryUsage().heapUsed;
    await client.request({ method: 'GET', path: ACCOUNT, auth: { kind: 'bearer', token: (await tokens.session())!.accessToken } });
    const grown = process.memoryUsage().heapUsed - before;
    const state = client.gates.get('Light').state();
    assert.equal(state.limit, HEADER_CAPS.maxLimit);
    assert.ok(grown < 64 * 1024 * 1024, `heap grew by ${(grown / 1048576).toFixed(1)} MiB`);
  });

  it('server text in an error cannot become a link in a notification, and stays one short line', async () => {
    const { tokens, api } = rig(emu, { client: { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } } });
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    const planted = `Click [here](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) or [there]( https://evil.example/x)\n${'x'.repeat(5000)}`;
    emu.inject({ kind: 'status', status: 400, path: ACCOUNT, body: { errorCode: '[c](command:x)', message: planted, errors: [{ errorCode: 'CMN-101', message: planted }] } });
    const e = await api.account().then(
      () => assert.fail('should fail'),
      (err: unknown) => err as RingCentralError,
    );
    const shown = `${e.message} ${e.hint}`;
    assert.deepEqual([...shown.matchAll(VSCODE_LINK)], [], shown);
    assert.ok(e.message.length < 500, `message of ${e.message.length} characters`);
    assert.doesNotMatch(e.message, /\n/);
    assert.match(e.message, /Click \[here\] \(command:/, 'the text is still readable');

    emu.inject({ kind: 'html', status: 502, path: ACCOUNT, headers: {} });
    const html = await api.account().then(
      () => assert.fail('should fail'),
      (err: unknown) => err as RingCentralError,
    );
    assert.deepEqual([...html.message.matchAll(VSCODE_LINK)], []);
  });

  it('a body past the cap is refused with a typed error: content-length announced (default cap, undici)', async function () {
    this.timeout(20_000);
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.inject({ kind: 'status', status: 200, path: ACCOUNT, body: { ...emu.data.account, padding: 'x'.repeat(MAX_BODY_BYTES) } });
    const e = await api.account().then(
      () => assert.fail('a body over 32 MiB was read'),
      (err: unknown) => err as RingCentralError,
    );
    assert.equal(e.kind, 'malformed');
    assert.match(e.message, /larger than 32 MiB/);
    assert.match(e.hint, /fewer records/);
    assert.ok(await api.account(), 'the next request works');
  });

  describe('a server that streams without end', () => {
    let server: http.Server;
    let url: string;
    let closed: Promise<number>;
    beforeEach(async () => {
      let resolveClosed!: (bytes: number) => void;
      closed = new Promise((r) => (resolveClosed = r));
      server = http.createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"records":["');
        let sent = 0;
        const chunk = 'y'.repeat(64 * 1024);
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk)) sent += chunk.length;
          if (!res.destroyed) res.once('drain', pump);
        };
        res.on('close', () => resolveClosed(sent));
        pump();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    });

    const transports: [string, (limit: number) => Transport][] = [
      ['undici', (limit) => undiciTransport({ maxBodyBytes: limit })],
      ['fetch (as inside VS Code)', (limit) => fetchTransport(globalThis.fetch, { maxBodyBytes: limit })],
    ];
    for (const [name, make] of transports) {
      it(`${name}: stops reading past the cap, closes the connection and says what happened`, async () => {
        const limit = 1024 * 1024;
        const client = new RestClient({ server: url, transport: make(limit), timeoutMs: 10_000, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1 } });
        const started = Date.now();
        const e = await client.request({ method: 'GET', path: ACCOUNT, auth: { kind: 'none' } }).then(
          () => assert.fail('an endless body was read to the end'),
          (err: unknown) => err as RingCentralError,
        );
        assert.ok(e instanceof RingCentralError, String(e));
        assert.equal(e.kind, 'malformed', e.message);
        assert.match(e.message, /larger than 1 MiB; the extension stopped reading it/);
        const sent = await closed;
        assert.ok(Date.now() - started < 5000, 'refused long before the timeout');
        // The server wrote what the socket buffers took before the client hung up: a bounded amount.
        assert.ok(sent < 64 * limit, `the server got ${sent} bytes out before the connection closed`);
      });
    }
  });

  it('"Nothing was lost" only where it is true: a dropped GET, a refused connection, a dropped token request', async () => {
    const { tokens, api, client } = rig(emu, { client: { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } } });
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.inject({ kind: 'reset', path: ACCOUNT });
    const get = await api.account().then(
      () => assert.fail('the connection was reset'),
      (e: unknown) => e as RingCentralError,
    );
    assert.match(get.hint, /Nothing was changed/);

    emu.inject({ kind: 'reset', path: '/restapi/oauth/token' });
    const signIn = await tokens.signIn({ type: 'jwt', assertion: emu.jwt }).then(
      () => assert.fail('the answer was dropped'),
      (e: unknown) => e as RingCentralError,
    );
    assert.equal(signIn.kind, 'network');
    assert.doesNotMatch(signIn.hint, /Nothing was (lost|changed)/);
    assert.match(signIn.hint, /may already have signed you in or renewed the session/);

    emu.inject({ kind: 'hang', path: '/restapi/oauth/token' });
    const slow = await client
      .request({ method: 'POST', path: '/restapi/oauth/token', auth: { kind: 'basic', ...emu.app }, form: { grant_type: 'refresh_token', refresh_token: 'x' }, retry: false, timeoutMs: 200 })
      .then(
        () => assert.fail('the server hangs'),
        (e: unknown) => e as RingCentralError,
      );
    assert.equal(slow.kind, 'timeout');
    assert.match(slow.hint, /may already have signed you in or renewed the session/);

    const closedPort = new RestClient({ server: 'http://127.0.0.1:1', transport: undiciTransport(), retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    const refused = await closedPort.request({ method: 'POST', path: '/restapi/oauth/token', auth: { kind: 'none' }, form: {}, retry: false }).then(
      () => assert.fail('nothing listens on port 1'),
      (e: unknown) => e as RingCentralError,
    );
    assert.match(refused.hint, /never reached RingCentral, so nothing was changed/);
  });
});
