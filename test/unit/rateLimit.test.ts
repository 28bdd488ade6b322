import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RingCentralError } from '../../src/core/errors';
import { groupForRequest } from '../../src/core/rateLimit/groups';
import { RateGate } from '../../src/core/rateLimit/rateGate';
import { SharedRateBook } from '../../src/core/rateLimit/sharedRateBook';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { listRequests, rig } from './support';


describe('rate limits', () => {
  let emu: Emulator;
  afterEach(() => emu?.close());

  it('knows which group each endpoint we call counts against', () => {
    assert.equal(groupForRequest('GET', '/restapi/v1.0/account/~'), 'Light');
    assert.equal(groupForRequest('GET', '/restapi/v1.0/account/~/extension/~'), 'Light');
    assert.equal(groupForRequest('GET', '/restapi/v1.0/account/~/extension/~/phone-number'), 'Light');
    assert.equal(groupForRequest('GET', '/restapi/v1.0/account/~/extension'), 'Medium');
    assert.equal(groupForRequest('GET', '/restapi/v1.0/account/~/phone-number'), 'Heavy');
    assert.equal(groupForRequest('POST', '/restapi/oauth/token'), 'Auth');
  });

  it('pages 25,000 numbers through a scaled-down Heavy limit: one request per page, no 429', async function () {
    this.timeout(30_000);
    emu = await startEmulator({ phoneNumbers: 25_000, limits: { Heavy: { limit: 10, windowMs: 1000, penaltyMs: 1000 } } });
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    let count = 0;
    const started = Date.now();
    for await (const page of api.phoneNumbers()) count += page.numbers.length;
    const elapsed = Date.now() - started;
    assert.equal(count, 25_000);
    const sent = listRequests(emu);
    assert.equal(sent.length, 25);
    assert.equal(sent.filter((r) => r.status === 429).length, 0);
    // 25 requests at 10 per second need at least two full windows of waiting.
    assert.ok(elapsed >= 2000, `waited for the window (${elapsed} ms)`);
  });

  it('after a 429 sends nothing of that group until Retry-After has passed', async function () {
    this.timeout(20_000);
    emu = await startEmulator({ phoneNumbers: 50, limits: { Light: { limit: 3, windowMs: 1000, penaltyMs: 1500 } } });
    const first = rig(emu);
    const second = rig(emu, { store: first.store });
    await first.tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    // Another client spends the quota; ours then meets a 429 it could not foresee.
    for (let i = 0; i < 3; i++) await first.api.account();
    await second.api.account();
    const light = emu.requestsTo('/restapi/v1.0/account/~', 'GET');
    const rejected = light.filter((r) => r.status === 429);
    assert.equal(rejected.length, 1, 'exactly one 429, then waited');
    const after = light[light.indexOf(rejected[0]!) + 1];
    assert.ok(after && after.status === 200);
    assert.ok(after.at - rejected[0]!.at >= 1500 - 5, `retried ${after.at - rejected[0]!.at} ms after the 429`);
  });

  it('with waitForRateLimit false, says when to retry instead of waiting', async () => {
    emu = await startEmulator({ phoneNumbers: 5, limits: { Light: { limit: 2, windowMs: 60_000, penaltyMs: 60_000 } } });
    const { tokens, api, client } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    await api.account();
    await api.account();
    const e = await api.account({ waitForRateLimit: false }).then(
      () => assert.fail('should be held'),
      (err: unknown) => err as RingCentralError,
    );
    assert.equal(e.kind, 'rateLimited');
    assert.ok((e.retryAfter ?? 0) > 0 && (e.retryAfter ?? 0) <= 60);
    assert.match(e.message, /next request allowed at/);
    assert.equal(emu.requestsTo('/restapi/v1.0/account/~').length, 2, 'the third was never sent');
    assert.equal(client.gates.get('Light').state().remaining, 0);
  });

  it('the gate learns limit and window from headers and holds the next request', async () => {
    let now = 1_000_000;
    const gate = new RateGate('Heavy', { now: () => now });
    const slots = [];
    for (let i = 0; i < 2; i++) slots.push(await gate.acquire());
    await gate.settle(slots[0]!, { status: 200, limit: 2, remaining: 1, windowSeconds: 5 });
    await gate.settle(slots[1]!, { status: 200, limit: 2, remaining: 0, windowSeconds: 5 });
    await assert.rejects(gate.acquire({ wait: false }), (e: unknown) => e instanceof RingCentralError && e.retryAfter === 5);
    now += 5000;
    assert.ok(await gate.acquire({ wait: false }));
  });

  it('does not take its own request, still in the server window, for another client', async () => {
    let now = 0;
    const gate = new RateGate('Heavy', { now: () => now });
    const first = await gate.acquire();
    await gate.settle(first, { status: 200, limit: 2, remaining: 1, windowSeconds: 1 });
    now = 900;
    const second = await gate.acquire();
    now = 1100; // a slow answer: the server counted both requests, ours has already aged out the first
    await gate.settle(second, { status: 200, limit: 2, remaining: 0, windowSeconds: 1 });
    assert.ok(await gate.acquire({ wait: false }), 'the server has room again at 1100 ms');
  });

  it('counts what other clients spent (Remaining lower than our own count explains)', async () => {
    let now = 0;
    const gate = new RateGate('Heavy', { now: () => now });
    await gate.settle(await gate.acquire(), { status: 200, limit: 3, remaining: 0, windowSeconds: 10 });
    await assert.rejects(gate.acquire({ wait: false }), (e: unknown) => e instanceof RingCentralError && e.retryAfter === 10);
    now = 10_000;
    assert.ok(await gate.acquire({ wait: false }));
  });

  it('a 429 without Retry-After holds the group for the platform\'s full 60 s penalty', async () => {
    let now = 0;
    const gate = new RateGate('Light', { now: () => now });
    await gate.settle(await gate.acquire(), { status: 429 });
    await assert.rejects(gate.acquire({ wait: false }), (e: unknown) => e instanceof RingCentralError && e.retryAfter === 60);
    now += 30_000;
    await assert.rejects(gate.acquire({ wait: false }), (e: unknown) => e instanceof RingCentralError && e.retryAfter === 30, 'still held after 30 s');
    now += 30_000;
    assert.ok(await gate.acquire({ wait: false }));
  });

  it('a request cancelled while the gate holds it fails as cancelled, and nothing is sent', async () => {
    let now = 0;
    const gate = new RateGate('Heavy', { now: () => now });
    await gate.settle(await gate.acquire(), { status: 429, retryAfterSeconds: 30 });
    const ctl = new AbortController();
    const held = gate.acquire({ signal: ctl.signal });
    ctl.abort();
    await assert.rejects(held, (e: unknown) => e instanceof RingCentralError && e.kind === 'cancelled' && /rate limit/.test(e.message));
    now += 30_000;
  });

  it('a shared book planted with absurd values is held to the header caps', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rc-book-'));
    try {
      const file = path.join(dir, 'rate.json');
      const slots = Array.from({ length: 50_000 }, (_, i) => ({ id: `x${i}`, at: Date.now() }));
      writeFileSync(file, JSON.stringify({ Heavy: { limit: 20_000_000, windowMs: 25 * 86_400_000, penaltyUntil: Date.now() + 25 * 86_400_000, remaining: 0, slots } }));
      const gate = new RateGate('Heavy', { now: () => Date.now() }, new SharedRateBook(file));
      const e = await gate.acquire({ wait: false }).then(
        () => assert.fail('held by the planted penalty'),
        (err: unknown) => err as RingCentralError,
      );
      assert.ok((e.retryAfter ?? 0) <= 601, `waits at most 10 minutes (rounded up), not 25 days (${e.retryAfter})`);
      assert.ok(gate.state().limit <= 100_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
