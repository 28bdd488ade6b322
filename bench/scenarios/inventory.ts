/**
 * Scenario 1, inventory: every company number for N = 1,000 / 25,000 / 100,000 at perPage 1000, with the
 * Heavy group scaled down to 10 requests per 2 s window and a 2 s penalty.
 */
import { request } from 'undici';
import type { Emulator, GroupLimit } from '../../test/emulator/api';
import { inventoryOurs, inventorySdk, makeOurs, makeSdk, PHONE_NUMBERS, signInOurs, signInSdk, type Target } from '../lib/clients';
import { parseRecords } from '../../src/core/schemas/list';
import { PhoneNumberSchema } from '../../src/core/schemas/phoneNumber';
import { countRequests, RAISED, resetLimits, targetOf } from '../lib/emulator';
import { alternate, median, msSince, now } from '../lib/stats';
import { compareLowerIsBetter, int, NONE, ratio, row, seconds, ms, VERDICT, type Row, type ScenarioResult } from '../lib/table';

export const HEAVY_SCALED: GroupLimit = { limit: 10, windowMs: 2_000, penaltyMs: 2_000 };

export interface InventoryOptions {
  sizes: { n: number; reps: number }[];
  log: (line: string) => void;
}

type Who = 'ours' | 'sdk';

interface Run {
  wallMs: number;
  sent: number;
  status429: number;
  records: number;
  /** The longest time one request was held although the server's window would have taken it (see longestHold). */
  longestHoldMs: number;
}

/**
 * The longest time a request was held although the limit would have taken it, from the arrival times of the
 * accepted requests: request k could have arrived once the previous one was answered (one bare page later) and once
 * request k-L had left the server's sliding window (a[k-L] + W). A client whose window runs from answers rather
 * than arrivals shows about one round trip here; a gate that stalls shows up to a whole window.
 */
function longestHold(arrivals: readonly number[], limit: GroupLimit, pageMs: number): number {
  let longest = 0;
  for (let k = 1; k < arrivals.length; k++) {
    const windowAllows = k >= limit.limit ? (arrivals[k - limit.limit] as number) + limit.windowMs : 0;
    const earliest = Math.max((arrivals[k - 1] as number) + pageMs, windowAllows);
    longest = Math.max(longest, (arrivals[k] as number) - earliest);
  }
  return longest;
}

/** One walk through the whole inventory by a fresh, signed-in client. Sign-in is not timed. */
async function runOnce(emu: Emulator, target: Target, who: Who, pageMs: number): Promise<Run> {
  resetLimits(emu, { Heavy: HEAVY_SCALED });
  let walk: () => Promise<number>;
  if (who === 'ours') {
    const ours = makeOurs(target);
    await signInOurs(ours, target);
    walk = () => inventoryOurs(ours);
  } else {
    const sdk = makeSdk(target);
    await signInSdk(sdk, target);
    walk = () => inventorySdk(sdk);
  }
  emu.clearRequests();
  const start = now();
  const records = await walk();
  const wallMs = msSince(start);
  const counts = countRequests(emu, PHONE_NUMBERS);
  const arrivals = emu.requests.filter((r) => r.status === 200 && r.group === 'Heavy').map((r) => r.at);
  return { wallMs, sent: counts.sent, status429: counts.status429, records, longestHoldMs: longestHold(arrivals, HEAVY_SCALED, pageMs) };
}

/**
 * What one 1000-record page costs without any client: a bare `undici.request` plus JSON.parse against the same
 * emulator, limits raised. The floor's transfer part is built from it. Also times what ours adds per page on top
 * of parsing: validating the page's 1000 records against the PhoneNumber schema (`parseRecords`).
 */
async function barePage(emu: Emulator, target: Target): Promise<{ pageMs: number; validateMs: number }> {
  resetLimits(emu, { Heavy: RAISED });
  const ours = makeOurs(target);
  await signInOurs(ours, target);
  const token = await ours.tokens.accessToken();
  const times: number[] = [];
  let records: unknown[] = [];
  for (let i = 0; i < 24; i++) {
    const start = now();
    const res = await request(`${target.server}${PHONE_NUMBERS}?perPage=1000&page=${(i % 5) + 1}`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
    });
    const body = (await res.body.json()) as { records: unknown[] };
    if (res.statusCode !== 200 || body.records.length !== 1000) throw new Error(`bare page fetch answered ${res.statusCode}`);
    if (i >= 4) times.push(msSince(start));
    records = body.records;
  }
  // Apart from the fetches, so that its garbage does not land in the page times.
  const validate: number[] = [];
  for (let i = 0; i < 14; i++) {
    const start = now();
    const parsed = parseRecords(records, PhoneNumberSchema);
    if (parsed.valid.length !== 1000) throw new Error(`${parsed.invalid.length} records of the bare page failed validation`);
    if (i >= 4) validate.push(msSince(start));
  }
  return { pageMs: median(times), validateMs: median(validate) };
}

/** ceil(N/1000) requests; the last batch may start only (batches - 1) windows after the first request. */
export function floorOf(n: number, limit: GroupLimit, pageMs: number): { requests: number; ms: number } {
  const requests = Math.ceil(n / 1000);
  const batches = Math.ceil(requests / limit.limit);
  const lastBatch = requests - (batches - 1) * limit.limit;
  return { requests, ms: (batches - 1) * limit.windowMs + lastBatch * pageMs };
}

/** Why one page (N=1,000) costs ours more than the SDK or the floor, from the runs and the validation timing. */
function onePageNote(runs: Record<Who, Run[]>, validateMs: number, floorMs: number): string {
  const walls = (who: Who): number[] => runs[who].map((r) => r.wallMs);
  const oursWall = median(walls('ours'));
  const sdkWall = median(walls('sdk'));
  const rest = oursWall - sdkWall - validateMs;
  const [oLo, oHi] = [Math.min(...walls('ours')), Math.max(...walls('ours'))];
  const [sLo, sHi] = [Math.min(...walls('sdk')), Math.max(...walls('sdk'))];
  return (
    `With no window to wait for, this is the cost of one page by a client just signed in. Ours validates the 1000 records ` +
    `against the PhoneNumber schema, which the SDK does not do (it only parses JSON): ${ms(validateMs)} per page timed apart on ` +
    `the same pages, ${Math.round((validateMs / floorMs) * 100)} % of the floor` +
    (oursWall > sdkWall ? `, of ours's ${ms(oursWall - sdkWall)} over the SDK` : '') +
    (rest > 0.05 * sdkWall
      ? `; the other ${ms(rest)} ${oLo - validateMs <= sHi && sLo <= oHi - validateMs ? 'is within the spread of the runs' : 'is beyond the spread of the runs and not traced by the bench'} ` +
        `(ours ${ms(oLo)}–${ms(oHi)}, the SDK ${ms(sLo)}–${ms(sHi)})`
      : '') +
    `. ` +
    (sdkWall > floorMs * 1.05
      ? `The SDK is ${ms(sdkWall - floorMs)} above the floor as well: the floor is the median of back-to-back bare fetches of warm pages.`
      : '')
  ).trim();
}

export async function inventory(emu: Emulator, o: InventoryOptions): Promise<ScenarioResult> {
  const target = targetOf(emu);
  const rows: Row[] = [];
  const notes: string[] = [];
  // Untimed warm-up walks, so that neither client pays the JIT's first-use costs in a timed run.
  emu.setPhoneNumberCount(5_000);
  for (let i = 0; i < 2; i++) {
    resetLimits(emu, { Heavy: RAISED });
    const ours = makeOurs(target);
    await signInOurs(ours, target);
    await inventoryOurs(ours);
    resetLimits(emu, { Heavy: RAISED });
    const sdk = makeSdk(target);
    await signInSdk(sdk, target);
    await inventorySdk(sdk);
  }
  const { pageMs, validateMs } = await barePage(emu, target);
  o.log(`inventory: bare page (1000 records) ${pageMs.toFixed(1)} ms; validating its records ${validateMs.toFixed(1)} ms`);
  for (const { n, reps } of o.sizes) {
    emu.setPhoneNumberCount(n);
    // A few untimed pages each after the inventory changed: the first window's pace carries through every later
    // window of a sliding limit, so it must not include the GC of the old inventory.
    for (const who of ['ours', 'sdk'] as const) {
      resetLimits(emu, { Heavy: RAISED });
      if (who === 'ours') {
        const ours = makeOurs(target);
        await signInOurs(ours, target);
        await inventoryOurs(ours, undefined, 10);
      } else {
        const sdk = makeSdk(target);
        await signInSdk(sdk, target);
        await inventorySdk(sdk, undefined, 10);
      }
    }
    const runs: Record<Who, Run[]> = { ours: [], sdk: [] };
    const failures: string[] = [];
    await alternate<Who>(['ours', 'sdk'], reps, async (who) => {
      try {
        const run = await runOnce(emu, target, who, pageMs);
        if (run.records !== n) failures.push(`${who} got ${run.records} of ${n} records`);
        runs[who].push(run);
        o.log(
          `inventory N=${n} ${who}: ${(run.wallMs / 1000).toFixed(2)} s, ${run.sent} requests, ${run.status429}×429, ` +
            `longest hold while the limit had room ${Math.round(run.longestHoldMs)} ms`,
        );
      } catch (e) {
        failures.push(`${who} failed: ${e instanceof Error ? e.message : String(e)}`);
        o.log(`inventory N=${n} ${who}: FAILED ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    const floor = floorOf(n, HEAVY_SCALED, pageMs);
    const m = (who: Who, key: keyof Run): number | undefined => (runs[who].length ? median(runs[who].map((r) => r[key])) : undefined);
    const oursWall = m('ours', 'wallMs');
    const sdkWall = m('sdk', 'wallMs');
    const oursSent = m('ours', 'sent');
    const ours429 = m('ours', 'status429');
    const label = `1. Inventory N=${int(n)}`;
    const withinFloor = oursWall !== undefined && oursWall <= floor.ms * 1.1;
    const beatsSdk = compareLowerIsBetter(oursWall, sdkWall) === VERDICT.wins;
    rows.push(
      row({
        scenario: label,
        metric: `wall time (floor ${seconds(floor.ms)})`,
        ours: seconds(oursWall),
        peer: seconds(sdkWall),
        ratio: ratio(oursWall, sdkWall),
        target: `≤ ${seconds(floor.ms * 1.1)} (floor +10%) and < SDK`,
        verdict:
          withinFloor && beatsSdk
            ? VERDICT.met
            : `${VERDICT.missed}${withinFloor ? '' : ` (${ratio(oursWall, floor.ms)} floor)`}${beatsSdk ? '' : ' (not faster than SDK)'}`,
      }),
      row({
        scenario: label,
        metric: `requests sent (floor ${floor.requests})`,
        ours: int(oursSent),
        peer: int(m('sdk', 'sent')),
        ratio: ratio(oursSent, m('sdk', 'sent')),
        target: `= ${floor.requests}`,
        verdict: oursSent === floor.requests ? VERDICT.met : VERDICT.missed,
      }),
      row({
        scenario: label,
        metric: '429s received',
        ours: int(ours429),
        peer: int(m('sdk', 'status429')),
        target: '0',
        verdict: ours429 === 0 ? VERDICT.met : VERDICT.missed,
      }),
    );
    if (floor.requests > HEAVY_SCALED.limit) {
      rows.splice(
        rows.length - 1,
        0,
        row({
          scenario: label,
          metric: 'longest wait while the limit allowed a request',
          ours: seconds(m('ours', 'longestHoldMs')),
          peer: seconds(m('sdk', 'longestHoldMs')),
          ratio: ratio(m('ours', 'longestHoldMs'), m('sdk', 'longestHoldMs')),
          verdict: compareLowerIsBetter(m('ours', 'longestHoldMs'), m('sdk', 'longestHoldMs'), 0.25),
        }),
      );
    }
    if (failures.length) notes.push(`Inventory N=${int(n)}: ${failures.join('; ')}.`);
    const stalled = (m('ours', 'longestHoldMs') ?? 0) > HEAVY_SCALED.windowMs / 4;
    if (oursWall !== undefined && (!withinFloor || !beatsSdk || stalled)) {
      const windows = Math.ceil(floor.requests / HEAVY_SCALED.limit) - 1;
      notes.push(
        `Inventory N=${int(n)}: ours took ${seconds(oursWall)}, the SDK ${seconds(sdkWall)}, the floor is ${seconds(floor.ms)} ` +
          `(${windows > 0 ? `${windows} full 2 s window(s) + ` : ''}${floor.requests - windows * HEAVY_SCALED.limit} page(s) × ${ms(pageMs)}). ` +
          (windows === 0
            ? onePageNote(runs, validateMs, floor.ms)
            : `Ours's longest hold of a request while the server's window had room was ${seconds(m('ours', 'longestHoldMs'))}. ` +
              `Ours's window runs from when each answer arrived (not when it was sent), which is safe against skew and costs about ` +
              `one round trip per window` +
              (stalled
                ? `; a hold this long is more than that explains: the rate gate took room for another client's requests ` +
                  `(RateGate.padForOtherClients) that the server's log does not show.`
                : '.')),
      );
    }
  }
  notes.push(
    `Inventory floor: ceil(N/1000) requests; time = (ceil(R/10) − 1) × 2 s + (pages in the last window) × ${ms(pageMs)}, ` +
      `the median cost of one 1000-record page fetched and parsed with a bare undici.request on the same emulator.`,
  );
  return { rows, notes: notes.filter((n) => n !== NONE) };
}
