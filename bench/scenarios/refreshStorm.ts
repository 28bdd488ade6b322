/**
 * Scenario 2, refresh storm: 200 concurrent GETs issued just after the access token expired, by one client and
 * then by two clients ("two windows") sharing one token store. Light is raised so that only auth is measured;
 * Auth keeps the platform's 5 per minute.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FolderCoordinator } from '../../src/core/coordination/folderCoordinator';
import type { SDK } from '@ringcentral/sdk';
import type { Emulator } from '../../test/emulator/api';
import { startEmulator } from '../../test/emulator/server';
import { ACCOUNT, ageSdkTokens, makeOurs, makeSdk, MemoryStorage, signInOurs, signInSdk, type Ours } from '../lib/clients';
import { countRequests, RAISED, resetLimits, targetOf, tokenRequests } from '../lib/emulator';
import { alternate, median, msSince, now, percentile } from '../lib/stats';
import { compareLowerIsBetter, int, ms, ratio, row, VERDICT, type Row, type ScenarioResult } from '../lib/table';

const CALLS = 200;
/** Past the 1-hour access token: expired for the server and for either client's own check. */
const EXPIRE_MS = 3_600_000 + 5_000;

export interface StormOptions {
  reps: number;
  log: (line: string) => void;
}

type Who = 'ours' | 'sdk';

interface Storm {
  tokenRequests: number;
  refreshTokensSpent: number;
  token429: number;
  failed: number;
  status401: number;
  p50: number;
  p99: number;
  wallMs: number;
  errors: string[];
}

/** Fires `calls` (already bound to their client) all at once and times each from issue to settle. */
async function fire(emu: Emulator, calls: (() => Promise<unknown>)[]): Promise<Storm> {
  emu.clearRequests();
  const latencies: number[] = [];
  const errors: string[] = [];
  const start = now();
  await Promise.all(
    calls.map(async (call) => {
      const t = now();
      try {
        await call();
      } catch (e) {
        errors.push(e instanceof Error ? e.message : String(e));
      }
      latencies.push(msSince(t));
    }),
  );
  const wallMs = msSince(start);
  const tokens = tokenRequests(emu);
  return {
    tokenRequests: tokens.sent,
    refreshTokensSpent: tokens.refreshTokensSpent,
    token429: tokens.status429,
    failed: errors.length,
    status401: countRequests(emu, ACCOUNT).status401,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    wallMs,
    errors,
  };
}

const oursCall = (o: Ours) => () => o.api.get(ACCOUNT);
const sdkCall = (s: SDK) => async () => (await s.platform().get(ACCOUNT)).json();

/** `windows` clients sharing one store; each signed in (or adopting the stored session) and used once. */
async function stormOurs(emu: Emulator, windows: 1 | 2): Promise<Storm> {
  const target = targetOf(emu);
  resetLimits(emu, { Light: RAISED });
  // Windows share a folder (VS Code's global storage) for the lock that keeps them from spending one refresh token twice.
  const folder = mkdtempSync(path.join(tmpdir(), 'rc-bench-'));
  const coordinator = new FolderCoordinator({ folder, server: target.server, staleMs: 60_000 });
  const first = makeOurs(target, { clock: emu.clock, coordinator });
  const clients = windows === 1 ? [first] : [first, makeOurs(target, { clock: emu.clock, store: first.store, coordinator })];
  await signInOurs(first, target);
  // A client in use has made calls before its token expires (and its Light gate knows the raised limit).
  for (const c of clients) await c.api.get(ACCOUNT);
  emu.clock.advance(EXPIRE_MS);
  resetLimits(emu, { Light: RAISED });
  const calls = Array.from({ length: CALLS }, (_, i) => oursCall(clients[i % clients.length] as Ours));
  try {
    return await fire(emu, calls);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function stormSdk(emu: Emulator, windows: 1 | 2): Promise<Storm> {
  const target = targetOf(emu);
  resetLimits(emu, { Light: RAISED });
  const storage = new MemoryStorage();
  const first = makeSdk(target, storage);
  // Two windows of the SDK share its cache (the same localStorage and prefix), as two browser tabs would.
  const clients = windows === 1 ? [first] : [first, makeSdk(target, storage)];
  await signInSdk(first, target);
  // node-fetch uses Node's process-wide http.globalAgent, which still holds the sockets of earlier runs; a real
  // client going into its first storm has only the one socket its warm-up used, as ours does.
  http.globalAgent.destroy();
  for (const c of clients) await (await c.platform().get(ACCOUNT)).json();
  emu.clock.advance(EXPIRE_MS);
  await ageSdkTokens(first, EXPIRE_MS);
  resetLimits(emu, { Light: RAISED });
  const calls = Array.from({ length: CALLS }, (_, i) => sdkCall(clients[i % clients.length] as SDK));
  return fire(emu, calls);
}

interface Config {
  label: string;
  emu: Emulator;
  windows: 1 | 2;
  subjects: Who[];
  latency: boolean;
}

function describe(s: Storm): string {
  return (
    `${s.tokenRequests} token requests (${s.refreshTokensSpent} refresh tokens spent, ${s.token429}×429), ${s.failed} failed, ` +
    `${s.status401}×401, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms`
  );
}

export async function refreshStorm(emu: Emulator, o: StormOptions): Promise<ScenarioResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  // The platform lets a spent refresh token return the same new pair for about 10 s; without that grace, a
  // second spend of one refresh token fails (as it does when the second window comes later than the grace).
  const strict = await startEmulator({ phoneNumbers: 10, refreshGraceMs: 0 });
  try {
    const run = (c: Config, who: Who): Promise<Storm> =>
      who === 'sdk' ? stormSdk(c.emu, c.windows) : stormOurs(c.emu, c.windows);
    const configs: Config[] = [
      { label: '2. Refresh storm, 1 client', emu, windows: 1, subjects: ['ours', 'sdk'], latency: true },
      { label: '2. Refresh storm, 2 windows, 1 store', emu, windows: 2, subjects: ['ours', 'sdk'], latency: true },
      { label: '2. Refresh storm, 2 windows, no refresh grace', emu: strict, windows: 2, subjects: ['ours', 'sdk'], latency: false },
    ];
    // One untimed storm of each kind first, so that no timed run pays for the JIT's first use.
    for (const c of configs.slice(0, 2)) for (const who of c.subjects) await run(c, who);
    for (const c of configs) {
      const results: Record<Who, Storm[]> = { ours: [], sdk: [] };
      await alternate<Who>(c.subjects, o.reps, async (who) => {
        const storm = await run(c, who);
        results[who].push(storm);
        o.log(`${c.label.slice(3)}, ${who}: ${describe(storm)}`);
      });
      const m = (who: Who, key: 'p50' | 'p99'): number => median(results[who].map((r) => r[key]));
      const worst = (who: Who, key: 'tokenRequests' | 'failed'): number => Math.max(...results[who].map((r) => r[key]));
      const oursTokens = worst('ours', 'tokenRequests');
      const oursFailed = worst('ours', 'failed');
      rows.push(
        row({
          scenario: c.label,
          metric: `token requests (worst of ${o.reps})`,
          ours: int(oursTokens),
          peer: int(worst('sdk', 'tokenRequests')),
          ratio: ratio(oursTokens, worst('sdk', 'tokenRequests')),
          target: '1',
          verdict: oursTokens === 1 ? VERDICT.met : VERDICT.missed,
        }),
        row({
          scenario: c.label,
          metric: `failed calls of ${CALLS} (worst)`,
          ours: int(oursFailed),
          peer: int(worst('sdk', 'failed')),
          target: '0',
          verdict: oursFailed === 0 ? VERDICT.met : VERDICT.missed,
        }),
      );
      if (c.latency) {
        for (const p of ['p50', 'p99'] as const) {
          rows.push(
            row({
              scenario: c.label,
              metric: `latency ${p}`,
              ours: ms(m('ours', p)),
              peer: ms(m('sdk', p)),
              ratio: ratio(m('ours', p), m('sdk', p)),
              verdict: compareLowerIsBetter(m('ours', p), m('sdk', p), 0.05),
            }),
          );
        }
        const lost = (['p50', 'p99'] as const).filter((p) => compareLowerIsBetter(m('ours', p), m('sdk', p), 0.05) === VERDICT.loses);
        if (lost.length) {
          const range = (who: Who, p: 'p50' | 'p99'): [number, number] => [Math.min(...results[who].map((r) => r[p])), Math.max(...results[who].map((r) => r[p]))];
          const spread = lost.map((p) => {
            const [oLo, oHi] = range('ours', p);
            const [sLo, sHi] = range('sdk', p);
            const overlap = oLo <= sHi && sLo <= oHi;
            return (
              `${p}: ours ${ms(oLo)}–${ms(oHi)}, the SDK ${ms(sLo)}–${ms(sHi)} over ${o.reps} runs` +
              (overlap ? ', ranges that overlap, so within run-to-run noise' : ', ranges apart, so not noise (not traced by the bench)')
            );
          });
          notes.push(
            `${c.label.slice(3)}: ours loses on ${lost.join(' and ')} latency with the same number of token requests as the SDK; ` +
              `once the token is back, ${CALLS} calls start at once and each pays its client's cost per request (see Overhead). ${spread.join('; ')}.`,
          );
        }
      }
      for (const who of c.subjects) {
        const errs = [...new Set(results[who].flatMap((r) => r.errors))];
        if (errs.length) notes.push(`${c.label.slice(3)}, ${who}: ${worst(who, 'failed')} failed; e.g. "${errs.slice(0, 2).join('" | "')}".`);
      }
      if (c.windows === 2) {
        const spent = Math.max(...results.sdk.map((r) => r.refreshTokensSpent));
        const tokens = worst('sdk', 'tokenRequests');
        notes.push(
          `${c.label.slice(3)}, SDK: two instances sharing one cache (same localStorage, same prefix) each refresh on their own: ` +
            `${tokens} token request(s) spending ${spent} distinct refresh token(s)` +
            (tokens > spent
              ? c.emu === strict
                ? `; without the grace the second spend is refused (invalid_grant), the SDK clears the shared cache (clearCacheOnRefreshError) and ${worst('sdk', 'failed')} call(s) fail.`
                : `; the second spend of the same refresh token works only because the platform returns the same new pair for about 10 s after a rotation.`
              : '.') +
            ` Ours: ${oursTokens} token request(s); the other window waits on the lock in the shared folder and adopts the new session.`,
        );
      }
    }
  } finally {
    await strict.close();
  }
  return { rows, notes };
}
