import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../emulator/api';
import { SeededRandom } from '../emulator/random';
import { startEmulator } from '../emulator/server';
import { HOUR } from './support';
import { Windows } from './windows/windows';

const DAY = 24 * HOUR;
type Calls = { ok: number; errors: string[] };

/**
 * Thirty days on the emulator's clock, three windows in separate processes on the VS Code-like SecretStorage,
 * 5 % of requests hit by a fault. Between bursts of use the machine sleeps (longer than an access token lives) or
 * sits idle (up to three days, less than a refresh token lives); no timer fires in the gaps.
 */
describe('soak: 30 simulated days, three windows, 5 % faults', function () {
  this.timeout(300_000);
  let emu: Emulator;
  let windows: Windows;
  let folder: string;
  afterEach(async () => {
    await windows.closeAll();
    await emu.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('no sign-out, no failed call but those a fault hit, token requests within 10 % of the minimum', async () => {
    emu = await startEmulator({ phoneNumbers: 5, unlimited: true });
    folder = mkdtempSync(path.join(tmpdir(), 'rc-soak-'));
    windows = new Windows({ broadcastDelayMs: 200 });
    const three = await windows.open(3, { server: emu.url, app: { ...emu.app }, folder, flushDelayMs: 100, timeoutMs: 5000 });
    await three[0]!.ask({ op: 'signIn', jwt: emu.jwt });
    const random = new SeededRandom(2026);
    emu.setRandomFaults({ rate: 0.05, seed: 7, faults: [{ kind: 'status', status: 503 }, { kind: 'reset' }, { kind: 'html' }, { kind: 'resetAfter' }] });
    let simulated = 0;
    let bursts = 0;
    let calls = 0;
    const failures: string[] = [];
    while (simulated < 30 * DAY) {
      const gap = random.chance(0.7) ? 2 * HOUR + random.int(10 * HOUR) : DAY + random.int(2 * DAY);
      emu.clock.advance(gap);
      simulated += gap;
      const results = await Promise.all(three.map((w) => w.ask<Calls>({ op: 'calls', count: 3 })));
      bursts++;
      for (const r of results) {
        calls += r.ok + r.errors.length;
        failures.push(...r.errors);
      }
    }
    emu.setRandomFaults(undefined);
    const tokens = emu.requestsTo('/restapi/oauth/token', 'POST');
    const hit = emu.requests.filter((r) => r.fault !== undefined);
    const minimum = 1 + bursts; // the sign-in, and one refresh after every gap (each outlasts the access token)
    const changes = await Promise.all(three.map((w) => w.ask<string[]>({ op: 'changes' })));
    console.log(
      `      ${(simulated / DAY).toFixed(1)} simulated days, ${bursts} bursts, ${calls} calls; ${hit.length} of ${emu.requests.length} requests hit by a fault ` +
        `(${hit.filter((r) => r.path.endsWith('/token')).length} of them token requests); ${failures.length} calls failed; ` +
        `token requests ${tokens.length} against a minimum of ${minimum} (${((tokens.length / minimum - 1) * 100).toFixed(1)} % over); live sessions ${emu.liveSessions()}`,
    );
    assert.deepEqual(changes.flat().filter((c) => c === 'signedOut' || c === 'ended'), [], 'no window was signed out');
    for (const f of failures) assert.match(f, /^(http|network|timeout|malformed)/, `a failure a fault explains: ${f}`);
    assert.ok(failures.length <= 9 * hit.filter((r) => r.path.endsWith('/token')).length, 'only calls waiting on a refresh a fault hit failed');
    assert.ok(tokens.length <= Math.ceil(minimum * 1.1), `${tokens.length} token requests, minimum ${minimum}`);
    assert.equal(emu.liveSessions(), 1);
  });
});
