/**
 * Scenario 3, overhead: sequential `GET /account/~` on loopback with limits raised, per-request cost of our
 * core, the SDK and a bare `undici.request` sending the same headers. The emulator runs in the same process,
 * so every figure includes the same server-side cost.
 */
import { Agent, request } from 'undici';
import type { Emulator } from '../../test/emulator/api';
import { ACCOUNT, makeOurs, makeSdk, signInOurs, signInSdk, type Target } from '../lib/clients';
import { RAISED, resetLimits, targetOf } from '../lib/emulator';
import { mean, median, msSince, now, percentile } from '../lib/stats';
import { compareLowerIsBetter, ms, ratio, row, VERDICT, type Row, type ScenarioResult } from '../lib/table';

export interface OverheadOptions {
  /** Timed calls per subject and round. */
  requests: number;
  /** Timed calls in a row by one subject before the next takes its turn. */
  block: number;
  warmup: number;
  rounds: number;
  log: (line: string) => void;
}

type Who = 'ours' | 'ours+schema' | 'sdk' | 'bare';

interface Subject {
  who: Who;
  call: () => Promise<unknown>;
  close: () => Promise<void>;
}

/** A fresh, signed-in client for `who`, and the call it makes. */
async function subject(target: Target, who: Who): Promise<Subject> {
  if (who === 'sdk') {
    const sdk = makeSdk(target);
    await signInSdk(sdk, target);
    const platform = sdk.platform();
    return { who, call: async () => (await platform.get(ACCOUNT)).json(), close: () => Promise.resolve() };
  }
  const ours = makeOurs(target);
  await signInOurs(ours, target);
  if (who === 'ours') return { who, call: () => ours.api.get(ACCOUNT), close: () => Promise.resolve() };
  if (who === 'ours+schema') return { who, call: () => ours.api.account(), close: () => Promise.resolve() };
  // The headers our RestClient sends, on undici's plain request API with its own keep-alive agent.
  const headers = { Accept: 'application/json', 'User-Agent': 'RingCentralExplorer/0.1', Authorization: `Bearer ${await ours.tokens.accessToken()}` };
  const dispatcher = new Agent();
  const url = `${target.server}${ACCOUNT}`;
  return {
    who,
    call: async () => {
      const res = await request(url, { headers, dispatcher });
      if (res.statusCode !== 200) throw new Error(`bare GET answered ${res.statusCode}`);
      return res.body.json();
    },
    close: () => dispatcher.close(),
  };
}

/**
 * One round: a fresh client for every subject, `warmup` untimed calls each, then `requests` timed calls each, in
 * blocks of `block` sequential calls with the subjects taking turns (the first of each turn rotates). Blocks last
 * milliseconds, so a burst of load on the shared machine falls on every subject alike instead of on whichever
 * subject's round it hit.
 */
async function round(emu: Emulator, subjects: readonly Who[], o: OverheadOptions, samples: Record<Who, number[]>): Promise<void> {
  const target = targetOf(emu);
  resetLimits(emu, { Light: RAISED });
  const live: Subject[] = [];
  for (const who of subjects) live.push(await subject(target, who));
  for (const s of live) for (let i = 0; i < o.warmup; i++) await s.call();
  const times = new Map<Who, number[]>(subjects.map((who) => [who, []]));
  for (let b = 0; b * o.block < o.requests; b++) {
    for (let k = 0; k < live.length; k++) {
      const s = live[(b + k) % live.length] as Subject;
      const mine = times.get(s.who) as number[];
      for (let i = 0; i < o.block && b * o.block + i < o.requests; i++) {
        const start = now();
        await s.call();
        mine.push(msSince(start));
      }
    }
  }
  for (const s of live) await s.close();
  for (const [who, t] of times) {
    samples[who].push(...t);
    if (t.length) o.log(`overhead ${who}: median ${median(t).toFixed(3)} ms, mean ${mean(t).toFixed(3)} ms over ${t.length}`);
  }
}

export async function overhead(emu: Emulator, o: OverheadOptions): Promise<ScenarioResult> {
  const samples: Record<Who, number[]> = { ours: [], 'ours+schema': [], sdk: [], bare: [] };
  const subjects: Who[] = ['ours', 'sdk', 'bare', 'ours+schema'];
  const discard: Record<Who, number[]> = { ours: [], 'ours+schema': [], sdk: [], bare: [] };
  // One longer untimed round first: whoever went first would otherwise pay for the JIT (ours's and the emulator's).
  await round(emu, subjects, { ...o, warmup: 5 * o.warmup, requests: 0, log: () => undefined }, discard);
  for (let r = 0; r < o.rounds; r++) await round(emu, subjects, o, samples);
  const med = (who: Who): number => median(samples[who]);
  const p99 = (who: Who): number => percentile(samples[who], 99);
  const label = `3. Overhead, ${o.rounds * o.requests} × GET /account/~`;
  const oursVsBare = med('ours') / med('bare');
  const rows: Row[] = [
    row({
      scenario: label,
      metric: 'median per request vs bare undici',
      ours: ms(med('ours')),
      peer: `${ms(med('bare'))} (bare undici)`,
      ratio: ratio(med('ours'), med('bare')),
      target: '≤ 1.15× bare undici',
      verdict: oursVsBare <= 1.15 ? VERDICT.met : VERDICT.missed,
    }),
    row({
      scenario: label,
      metric: 'median per request vs SDK',
      ours: ms(med('ours')),
      peer: ms(med('sdk')),
      ratio: ratio(med('ours'), med('sdk')),
      verdict: compareLowerIsBetter(med('ours'), med('sdk')),
    }),
    row({
      scenario: label,
      metric: 'p99 per request',
      ours: ms(p99('ours')),
      peer: ms(p99('sdk')),
      ratio: ratio(p99('ours'), p99('sdk')),
      verdict: compareLowerIsBetter(p99('ours'), p99('sdk'), 0.05),
    }),
    row({
      scenario: label,
      metric: 'median with schema validation (account())',
      ours: ms(med('ours+schema')),
      peer: `${ms(med('bare'))} (bare undici)`,
      ratio: ratio(med('ours+schema'), med('bare')),
    }),
  ];
  const notes: string[] = [];
  if (oursVsBare > 1.15) {
    const extraUs = (med('ours') - med('bare')) * 1000;
    notes.push(
      `Overhead: ours misses the 1.15× target (${oursVsBare.toFixed(2)}× bare undici, ${extraUs.toFixed(0)} µs more per request). ` +
        `Both send the same request with undici.request; on top of it each call of ours checks the token, takes a place in the rate gate and ` +
        `feeds the answer's X-Rate-Limit headers back, builds the URL, arms a timeout and an abort signal, and reads the answer as text ` +
        `before parsing it, so that a proxy's HTML page or a cut-off body becomes a typed error.`,
    );
  }
  return { rows, notes };
}
