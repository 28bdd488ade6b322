import assert from 'node:assert/strict';
import { RingCentralError } from '../../src/core/errors';
import type { Emulator, Fault } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { HOUR, rig, tokenRequests, type Rig } from './support';

/**
 * Every call kind × every fault the emulator injects. The rules each cell is held to:
 * - a typed RingCentralError with a hint, never a raw exception, and no unhandled rejection;
 * - retried only where it is safe: GETs after a dropped connection, 429 (after the penalty) and 502-504; a refresh
 *   after its answer was lost (the platform replays the pair); a sign-in grant and a revoke never;
 * - the session kept unless the server ended it (OAU-210/OAU-211 on refresh).
 */
type Call = 'grant' | 'refresh' | 'revoke' | 'account' | 'extension' | 'page';
type FaultName =
  | 'delay past timeout'
  | 'reset before answer'
  | 'reset after answer'
  | 'hang'
  | '500'
  | '502'
  | '503 + Retry-After'
  | '503'
  | 'malformed'
  | 'truncated'
  | 'html'
  | 'empty'
  | '429 + headers'
  | '429 bare'
  | '401 OAU-129'
  | '401 OAU-213'
  | 'OAU-210'
  | 'OAU-211';

const TIMEOUT_MS = 400;

const NAMES: FaultName[] = ['delay past timeout', 'reset before answer', 'reset after answer', 'hang', '500', '502', '503 + Retry-After', '503', 'malformed', 'truncated', 'html', 'empty', '429 + headers', '429 bare', '401 OAU-129', '401 OAU-213', 'OAU-210', 'OAU-211'];

const FAULTS: Record<FaultName, Omit<Fault, 'path'>> = {
  'delay past timeout': { kind: 'delay', ms: TIMEOUT_MS + 300 },
  'reset before answer': { kind: 'reset' },
  'reset after answer': { kind: 'resetAfter' },
  hang: { kind: 'hang' },
  '500': { kind: 'status', status: 500 },
  '502': { kind: 'status', status: 502 },
  '503 + Retry-After': { kind: 'status', status: 503, retryAfter: 1 },
  '503': { kind: 'status', status: 503 },
  malformed: { kind: 'malformed' },
  truncated: { kind: 'truncated' },
  html: { kind: 'html' },
  empty: { kind: 'empty' },
  '429 + headers': { kind: 'status', status: 429, retryAfter: 1, headers: { 'X-Rate-Limit-Group': 'light', 'X-Rate-Limit-Limit': '50', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Window': '60' } },
  '429 bare': { kind: 'status', status: 429 },
  '401 OAU-129': { kind: 'status', status: 401, body: { errorCode: 'TokenInvalid', message: 'Access token corrupted', errors: [{ errorCode: 'OAU-129', message: 'Access token corrupted' }] } },
  '401 OAU-213': { kind: 'status', status: 401, body: { errorCode: 'TokenInvalid', message: 'Token not found', errors: [{ errorCode: 'OAU-213', message: 'Token not found' }] } },
  'OAU-210': { kind: 'status', status: 400, body: { error: 'invalid_grant', error_description: 'Token expired', errors: [{ errorCode: 'OAU-210', message: 'Token expired' }] } },
  'OAU-211': { kind: 'status', status: 400, body: { error: 'invalid_grant', error_description: 'Token revoked', errors: [{ errorCode: 'OAU-211', message: 'Token revoked' }] } },
};

const ORDER = Object.keys(FAULTS).sort((a, b) => NAMES.indexOf(a as FaultName) - NAMES.indexOf(b as FaultName)) as FaultName[];

const PATHS: Record<Call, string | RegExp> = {
  grant: '/restapi/oauth/token',
  refresh: '/restapi/oauth/token',
  revoke: '/restapi/oauth/revoke',
  account: /^\/restapi\/v1\.0\/account\/~$/,
  extension: /^\/restapi\/v1\.0\/account\/~\/extension\/~$/,
  page: /^\/restapi\/v1\.0\/account\/~\/phone-number$/,
};

/** Which faults apply to a call: 401s are REST answers; OAU-210/211 answer a refresh. */
function applies(call: Call, fault: FaultName): boolean {
  if (fault.startsWith('401')) return call === 'account' || call === 'extension' || call === 'page';
  if (fault === 'OAU-210' || fault === 'OAU-211') return call === 'refresh';
  return true;
}

type Expect = { outcome: 'ok' | RingCentralError['kind'] | 'ended'; sent: number };

const GET_RETRIED = new Set<FaultName>(['reset before answer', 'reset after answer', '502', '503 + Retry-After', '503', 'html', '429 + headers']);
const REFRESH_RETRIED = new Set<FaultName>(['delay past timeout', 'reset before answer', 'reset after answer', 'hang', '502', 'malformed', 'truncated', 'html', 'empty']);

function errorKind(fault: FaultName): RingCentralError['kind'] {
  if (fault === 'delay past timeout' || fault === 'hang') return 'timeout';
  if (fault.startsWith('reset')) return 'network';
  if (fault === 'malformed' || fault === 'truncated' || fault === 'empty') return 'malformed';
  return 'http';
}

function expected(call: Call, fault: FaultName): Expect {
  switch (call) {
    case 'grant':
      return { outcome: errorKind(fault), sent: 1 };
    case 'revoke':
      return { outcome: 'ok', sent: 1 }; // sign-out completes here whatever the server says
    case 'refresh':
      if (fault === 'OAU-210' || fault === 'OAU-211') return { outcome: 'ended', sent: 1 };
      if (REFRESH_RETRIED.has(fault)) return { outcome: 'ok', sent: 2 };
      return { outcome: errorKind(fault), sent: 1 };
    default:
      if (fault.startsWith('401')) return { outcome: 'ok', sent: 2 }; // one refresh, one retry
      if (fault === '429 bare') return { outcome: 'http', sent: 1 }; // an account-level limit: every group paused for 60 s
      if (GET_RETRIED.has(fault)) return { outcome: 'ok', sent: 2 };
      return { outcome: errorKind(fault), sent: 1 };
  }
}

async function perform(call: Call, fault: FaultName, r: Rig, emu: Emulator): Promise<void> {
  // A bare 429 means the platform's full 60 s penalty; the call is asked not to wait it out here.
  const noWait = { waitForRateLimit: fault !== '429 bare' };
  switch (call) {
    case 'grant':
      await r.tokens.signIn({ type: 'jwt', assertion: emu.jwt });
      return;
    case 'revoke': {
      const result = await r.tokens.signOut();
      assert.equal(result.hadSession, true);
      // "Revoked" only when the server said so: a delay shorter than the revoke's own 10 s timeout still answers, and
      // an empty 200 is what revoke answers anyway.
      assert.equal(result.revoked, fault === 'delay past timeout' || fault === 'empty', 'revoked only when the server confirmed it');
      return;
    }
    case 'refresh':
    case 'account':
      await r.api.account(noWait);
      return;
    case 'extension':
      await r.api.me(noWait);
      return;
    case 'page':
      for await (const page of r.api.phoneNumbers({}, { perPage: 1000 }, noWait)) void page;
  }
}

function sentTo(call: Call, emu: Emulator): number {
  if (call === 'grant') return tokenRequests(emu, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
  if (call === 'refresh') return tokenRequests(emu, 'refresh_token');
  const path = PATHS[call];
  return emu.requests.filter((q) => (typeof path === 'string' ? q.path.startsWith(path) : path.test(q.path.replace(/\/account\/\d+/, '/account/~').replace(/\/extension\/\d+$/, '/extension/~')))).length;
}

describe('fault matrix: every call kind × every fault', function () {
  this.timeout(120_000);
  const rows: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown): void => void unhandled.push(e);
  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => {
    process.off('unhandledRejection', onUnhandled);
    const calls: Call[] = ['grant', 'refresh', 'revoke', 'account', 'extension', 'page'];
    console.log(`\n      ${'fault'.padEnd(20)}${calls.map((c) => c.padEnd(12)).join('')}\n${rows.join('\n')}\n`);
  });

  for (const fault of ORDER) {
    const calls: Call[] = ['grant', 'refresh', 'revoke', 'account', 'extension', 'page'];
    const cells: string[] = calls.map((c) => (applies(c, fault) ? '?' : '—'));
    rows.push('');
    const row = rows.length - 1;
    const show = (): void => void (rows[row] = `      ${fault.padEnd(20)}${cells.map((c) => c.padEnd(12)).join('')}`);
    show();
    for (const [column, call] of calls.entries()) {
      if (!applies(call, fault)) continue;
      const want = expected(call, fault);
      it(`${call} × ${fault}: ${want.outcome}, ${want.sent} request(s)`, async () => {
        const emu = await startEmulator({ phoneNumbers: 30, unlimited: true });
        try {
          const r = rig(emu, { client: { timeoutMs: TIMEOUT_MS }, tokens: { lostAnswerDelayMs: 20 } });
          if (call !== 'grant') await r.tokens.signIn({ type: 'jwt', assertion: emu.jwt });
          if (call === 'refresh') emu.clock.advance(HOUR + 1000);
          const before = sentTo(call, emu);
          emu.inject({ ...FAULTS[fault], path: PATHS[call] });
          let outcome: Expect['outcome'] = 'ok';
          try {
            await perform(call, fault, r, emu);
          } catch (e) {
            assert.ok(e instanceof RingCentralError, `a typed error, not ${String(e)}`);
            assert.ok(e.hint.length > 20 && !/undefined/.test(`${e.message} ${e.hint}`), `a hint that says what to do: ${e.hint}`);
            outcome = e.kind === 'signedOut' && (await r.store.read())?.session === undefined ? 'ended' : e.kind;
          }
          const sent = sentTo(call, emu) - before;
          cells[column] = outcome === 'ok' ? (sent > 1 ? `ok, ${sent} sent` : 'ok') : outcome;
          show();
          assert.equal(outcome, want.outcome);
          assert.equal(sent, want.sent, 'requests sent (retried only where safe)');
          const stored = (await r.store.read())?.session;
          if (call === 'revoke') assert.equal(stored, undefined, 'signed out here whatever the server said');
          else if (call === 'grant') assert.equal(stored, undefined, 'no session from a failed sign-in');
          else if (want.outcome === 'ended') assert.equal(stored, undefined, 'the server ended it');
          else assert.ok(stored, 'the session is kept');
          if (fault === '429 bare' && (call === 'account' || call === 'extension' || call === 'page')) {
            // No group named: every group waits the full penalty, and nothing is sent before it ends.
            for (const g of ['Light', 'Medium', 'Heavy', 'Auth'] as const) {
              const until = r.client.gates.get(g).state().penaltyUntil ?? 0;
              assert.ok(until - emu.clock.now() > 55_000, `${g} paused for 60 s`);
            }
            const total = emu.requests.length;
            await assert.rejects(r.api.get('/restapi/v1.0/account/~/extension', undefined, { waitForRateLimit: false }), (e: unknown) => e instanceof RingCentralError && e.kind === 'rateLimited');
            assert.equal(emu.requests.length, total, 'nothing sent during the penalty');
          }
          await new Promise((res) => setImmediate(res));
          assert.deepEqual(unhandled, [], 'no unhandled rejection');
        } finally {
          await emu.close();
        }
      });
    }
  }
});
