import assert from 'node:assert/strict';
import * as net from 'node:net';
import fc from 'fast-check';
import { judgeRedirect, listenForRedirect } from '../../src/core/auth/loopbackReceiver';
import { parseRedirectUri } from '../../src/core/auth/redirectUri';

const EXPECTED = { path: '/callback', state: 'S7_state-abc' };

/**
 * A request as its parts, so the test knows without parsing what the answer must be: only a GET of the redirect
 * path with exactly one `state`, ours, exactly one non-empty `code` and no `error` yields a code.
 */
const request = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'get', 'PUT'), fc.string({ maxLength: 8 })),
  path: fc.oneof(fc.constant(EXPECTED.path), fc.constantFrom('/callback/', '/CALLBACK', '/', '/favicon.ico', '//callback', '/callback%20'), fc.webPath()),
  states: fc.oneof(fc.constant([EXPECTED.state]), fc.array(fc.oneof(fc.constant(EXPECTED.state), fc.string({ maxLength: 12 })), { maxLength: 3 })),
  codes: fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 2 }),
  error: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
  extra: fc.array(fc.tuple(fc.string({ maxLength: 8 }).filter((k) => !['state', 'code', 'error'].includes(k)), fc.string({ maxLength: 8 })), { maxLength: 3 }),
  absolute: fc.boolean(),
});

type Parts = typeof request extends fc.Arbitrary<infer T> ? T : never;

function target(p: Parts): string {
  const q = new URLSearchParams();
  for (const [k, v] of p.extra) q.append(k, v);
  for (const s of p.states) q.append('state', s);
  for (const c of p.codes) q.append('code', c);
  if (p.error !== undefined) q.append('error', p.error);
  const query = q.toString();
  return `${p.absolute ? 'http://127.0.0.1:5000' : ''}${p.path}${query ? `?${query}` : ''}`;
}

function yieldsCode(p: Parts): boolean {
  return p.method === 'GET' && p.path === EXPECTED.path && p.states.length === 1 && p.states[0] === EXPECTED.state && p.codes.length === 1 && p.codes[0] !== '' && p.error === undefined;
}

function endsSignIn(p: Parts): boolean {
  return p.method === 'GET' && p.path === EXPECTED.path && p.states.length === 1 && p.states[0] === EXPECTED.state;
}

describe('loopback redirect handler (properties)', () => {
  it('never throws, and yields a code exactly for the right request, the code it carried', () => {
    fc.assert(
      fc.property(request, (p) => {
        const verdict = judgeRedirect(p.method, target(p), EXPECTED);
        const code = verdict.outcome && 'code' in verdict.outcome ? verdict.outcome.code : undefined;
        if (yieldsCode(p)) {
          assert.equal(code, p.codes[0]);
          assert.equal(verdict.status, 200);
        } else {
          assert.equal(code, undefined, JSON.stringify(p));
          assert.notEqual(verdict.status, 200);
        }
        // Only our state can end the sign-in, with a code or a refusal.
        if (verdict.outcome) assert.deepEqual(p.states, [EXPECTED.state]);
      }),
      { numRuns: 3000 },
    );
  });

  it('raw garbage as method and request target never throws', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: 'binary' }), { nil: undefined }), fc.option(fc.string({ unit: 'binary' }), { nil: undefined }), (method, raw) => {
        const verdict = judgeRedirect(method, raw, EXPECTED);
        assert.ok(verdict.status >= 200 && verdict.status < 600);
        if (verdict.outcome && 'code' in verdict.outcome) assert.equal(method, 'GET');
      }),
      { numRuns: 3000 },
    );
  });

  it('a real listener survives arbitrary bytes on its socket, and the right redirect still signs in afterwards', async function () {
    this.timeout(30_000);
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const redirect = parseRedirectUri(`http://127.0.0.1:${port}/callback`, { uriScheme: 'vscode', extensionId: 'a.b' });
    assert.equal(redirect.kind, 'loopback');
    if (redirect.kind !== 'loopback') return;
    const wait = await listenForRedirect(redirect, EXPECTED.state, { signal: new AbortController().signal, timeoutMs: 60_000 });
    const send = (bytes: string): Promise<void> =>
      new Promise((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port }, () => socket.end(bytes));
        socket.on('data', () => undefined);
        socket.on('error', () => resolve());
        socket.on('close', () => resolve());
      });
    await fc.assert(
      fc.asyncProperty(request, fc.string({ unit: 'binary', maxLength: 40 }), async (p, junk) => {
        // Our state on our path ends the sign-in (with a code or a refusal): everything else must leave it waiting.
        if (endsSignIn(p)) return;
        await send(`${p.method.replace(/[\r\n ]/g, '') || 'X'} ${target(p).replace(/[\r\n ]/g, '')} HTTP/1.1\r\nHost: 127.0.0.1\r\n${junk}\r\n\r\n`);
      }),
      { numRuns: 150 },
    );
    const right = await fetch(`http://127.0.0.1:${port}/callback?code=the-code&state=${EXPECTED.state}`);
    assert.equal(right.status, 200);
    assert.deepEqual(await wait.result, { code: 'the-code' });
  });
});
