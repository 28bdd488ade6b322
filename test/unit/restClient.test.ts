import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { RingCentralError } from '../../src/core/errors';
import { RestClient } from '../../src/core/http/restClient';
import { undiciTransport } from '../../src/core/http/undiciTransport';
import type { Emulator, Fault } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { rig } from './support';

const ACCOUNT = '/restapi/v1.0/account/~';

describe('RestClient: faults become typed errors with a hint', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({ phoneNumbers: 10, unlimited: true });
  });
  afterEach(() => emu.close());

  const cases: { fault: Fault; kind: string; status?: number; message: RegExp }[] = [
    { fault: { kind: 'reset', times: 10 }, kind: 'network', message: /Could not reach 127\.0\.0\.1/ },
    { fault: { kind: 'status', status: 503, times: 10 }, kind: 'http', status: 503, message: /refused GET/ },
    { fault: { kind: 'html', status: 502, times: 10 }, kind: 'http', status: 502, message: /HTML page/ },
    { fault: { kind: 'malformed' }, kind: 'malformed', status: 200, message: /not JSON|cut off or invalid/ },
    { fault: { kind: 'truncated' }, kind: 'malformed', status: 200, message: /cut off or invalid/ },
    { fault: { kind: 'empty', status: 200 }, kind: 'malformed', status: 200, message: /empty body/ },
    { fault: { kind: 'empty', status: 500, times: 10 }, kind: 'http', status: 500, message: /HTTP 500 with an empty body/ },
  ];
  for (const c of cases) {
    it(`${c.fault.kind}${c.fault.status ? ` ${c.fault.status}` : ''} → ${c.kind}`, async () => {
      const { api, tokens } = rig(emu);
      await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
      emu.inject({ ...c.fault, path: ACCOUNT });
      const e = await api.account().then(
        () => assert.fail('should fail'),
        (err: unknown) => err,
      );
      assert.ok(e instanceof RingCentralError);
      assert.equal(e.kind, c.kind);
      assert.equal(e.status, c.status);
      assert.match(e.message, c.message);
      assert.ok(e.hint.length > 20, 'a hint that names a fix');
      assert.doesNotMatch(e.message, /fetch failed|SyntaxError|Unexpected token/);
    });
  }

  it('a hanging server times out with a clear message', async () => {
    const { api, tokens } = rig(emu, { client: { timeoutMs: 200, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } } });
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.inject({ kind: 'hang', path: ACCOUNT });
    await assert.rejects(api.account(), (e: unknown) => e instanceof RingCentralError && e.kind === 'timeout' && /did not answer/.test(e.message));
  });

  it('cancellation through an AbortSignal', async () => {
    const { api, tokens } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.inject({ kind: 'hang', path: ACCOUNT });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 100);
    await assert.rejects(api.account({ signal: ctl.signal }), (e: unknown) => e instanceof RingCentralError && e.kind === 'cancelled');
  });

  it('GETs retry 503 and a dropped connection, then succeed', async () => {
    const { api, tokens } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    emu.inject({ kind: 'status', status: 503, path: ACCOUNT });
    emu.inject({ kind: 'reset', path: ACCOUNT });
    assert.ok(await api.account());
    assert.equal(emu.requestsTo(ACCOUNT, 'GET').length, 3);
  });

  it('unknown error bodies still get a sensible generic hint', async () => {
    const { api, tokens } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    const e = await api.get('/restapi/v1.0/no/such/thing').then(
      () => assert.fail('should fail'),
      (err: unknown) => err as RingCentralError,
    );
    assert.equal(e.status, 404);
    assert.ok(e.code);
    assert.match(e.hint, /no such resource|path/i);
  });

  it('repeats multi-valued query keys', () => {
    const client = new RestClient({ server: 'https://platform.ringcentral.com/', transport: undiciTransport() });
    const url = new URL(client.url('/restapi/v1.0/account/~/phone-number', { usageType: ['DirectNumber', 'MainCompanyNumber'], page: 2, skip: undefined }));
    assert.deepEqual(url.searchParams.getAll('usageType'), ['DirectNumber', 'MainCompanyNumber']);
    assert.equal(url.searchParams.get('page'), '2');
    assert.equal(url.searchParams.has('skip'), false);
  });
});

describe('undici transport honours HTTP_PROXY / NO_PROXY', () => {
  it('sends requests through the proxy named in the environment, and not to hosts in NO_PROXY', async () => {
    const emu = await startEmulator({ phoneNumbers: 1, unlimited: true });
    const seen: string[] = [];
    // A minimal forward proxy: undici tunnels with CONNECT; absolute-form requests are forwarded too.
    const proxy = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      const upstream = http.request(new URL(req.url ?? ''), { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      seen.push(`CONNECT ${req.url ?? ''}`);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY, no_proxy: process.env.no_proxy, http_proxy: process.env.http_proxy };
    const restore = (): void => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    };
    const token = (client: RestClient) =>
      client.request({ method: 'POST', path: '/restapi/oauth/token', auth: { kind: 'basic', ...emu.app }, form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emu.jwt }, timeoutMs: 5000 });
    try {
      delete process.env.http_proxy;
      delete process.env.no_proxy;
      process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      delete process.env.NO_PROXY;
      const viaProxy = new RestClient({ server: emu.url, transport: undiciTransport() });
      restore(); // the transport read the environment when it was made
      assert.equal((await token(viaProxy)).status, 200);
      assert.equal(seen.length, 1);
      assert.ok(seen[0]?.includes(new URL(emu.url).host), seen[0]);

      process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      process.env.NO_PROXY = '127.0.0.1';
      // undici reads NO_PROXY again at each request, so it stays set until the answer is in.
      const direct = new RestClient({ server: emu.url, transport: undiciTransport() });
      assert.equal((await token(direct)).status, 200);
      restore();
      assert.equal(seen.length, 1, 'NO_PROXY host went direct');
    } finally {
      restore();
      proxy.closeAllConnections();
      proxy.close();
      await emu.close();
    }
  });
});
