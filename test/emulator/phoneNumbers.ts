import { EXTENSIONS_WITHOUT_NUMBERS } from './accountData';
import { SeededRandom, weightedTable } from './random';

/**
 * Company phone-number inventory. Deterministic for a seed, prefix-stable (the first n records of
 * a larger inventory equal a smaller one) and fast: 100,000 records in well under a second.
 * Sub-objects (extension references, providers) are shared between records to keep memory low.
 */

interface Area {
  cc: string;
  area: string;
  /** Subscriber digits after the area code. */
  digits: number;
  location?: string;
  tollFree?: boolean;
}

const LOCAL: readonly (readonly [Area, number])[] = [
  [{ cc: '1', area: '650', digits: 7, location: 'Belmont, CA' }, 20],
  [{ cc: '1', area: '415', digits: 7, location: 'San Francisco, CA' }, 12],
  [{ cc: '1', area: '212', digits: 7, location: 'New York, NY' }, 10],
  [{ cc: '1', area: '312', digits: 7, location: 'Chicago, IL' }, 8],
  [{ cc: '1', area: '617', digits: 7, location: 'Boston, MA' }, 6],
  [{ cc: '1', area: '206', digits: 7, location: 'Seattle, WA' }, 6],
  [{ cc: '1', area: '512', digits: 7, location: 'Austin, TX' }, 5],
  [{ cc: '1', area: '303', digits: 7, location: 'Denver, CO' }, 4],
  [{ cc: '1', area: '305', digits: 7, location: 'Miami, FL' }, 4],
  [{ cc: '1', area: '416', digits: 7, location: 'Toronto, ON' }, 3],
  [{ cc: '44', area: '20', digits: 8 }, 2],
  [{ cc: '49', area: '30', digits: 8 }, 1],
  [{ cc: '33', area: '1', digits: 8 }, 1],
];
const TOLL_FREE: readonly (readonly [Area, number])[] = ['800', '888', '877', '866', '833'].map(
  (area) => [{ cc: '1', area, digits: 7, tollFree: true }, 1] as const,
);

export const USAGE_TYPES = [
  'MainCompanyNumber', 'AdditionalCompanyNumber', 'CompanyNumber', 'DirectNumber', 'CompanyFaxNumber',
  'ForwardedNumber', 'ForwardedCompanyNumber', 'ContactCenterNumber', 'ConferencingNumber', 'MeetingsNumber',
  'NumberPool', 'BusinessMobileNumber', 'PartnerBusinessMobileNumber', 'IntegrationNumber',
] as const;
export const PAYMENT_TYPES = [
  'External', 'TollFree', 'Local', 'BusinessMobileNumberProvider', 'ExternalNumberProvider', 'ExternalNumberProviderTollFree',
] as const;
export const NUMBER_STATUSES = ['Normal', 'Pending', 'PortedIn', 'Temporary'] as const;

/** Records 1.. cover every usage type once, so even a small inventory is heterogeneous. */
const FORCED_USAGE = [
  'DirectNumber', 'CompanyNumber', 'AdditionalCompanyNumber', 'CompanyFaxNumber', 'ForwardedNumber',
  'ForwardedCompanyNumber', 'ConferencingNumber', 'ContactCenterNumber', 'BusinessMobileNumber',
  'MeetingsNumber', 'IntegrationNumber', 'DirectNumber',
];
const USAGE_MIX: readonly (readonly [string, number])[] = [
  ['DirectNumber', 70], ['CompanyNumber', 6], ['AdditionalCompanyNumber', 4], ['CompanyFaxNumber', 3],
  ['ForwardedNumber', 3], ['ForwardedCompanyNumber', 1], ['ConferencingNumber', 2], ['ContactCenterNumber', 3],
  ['BusinessMobileNumber', 4], ['MeetingsNumber', 1], ['IntegrationNumber', 1], ['PartnerBusinessMobileNumber', 1],
];
const FORCED_STATUS: Record<number, string> = { 13: 'Pending', 14: 'PortedIn', 15: 'Temporary' };
/**
 * Direct numbers nobody has: bought and not yet given to anyone, or left by someone who went. Record 17 is one in
 * every inventory of 18 or more; past it, about one direct number in 29. The platform lists them like any other
 * direct number, without `extension`.
 */
const FIRST_UNASSIGNED = 17;
const isUnassigned = (i: number): boolean => i === FIRST_UNASSIGNED || (i > FIRST_UNASSIGNED && i % 29 === 0);

/** Labels that break naive CSV, shell, JSON and template code. */
export const HOSTILE_LABELS = [
  'Sales, West Coast',
  'Front desk "main"',
  'Line one\nLine two',
  'Costs $HOME ${PATH}',
  'Run `whoami`',
  'Café Zürich – 東京 📞',
  '=1+2 (formula?)',
  "O'Brien's\tline \\ backslash",
];
const HOSTILE_AT = [3, 16, 22, 31, 47, 58, 71, 89];
const LABELS = ['Main line', 'Support', 'Sales', 'Reception', 'Billing', 'Helpdesk', 'Warehouse', 'Night line', 'Marketing'];
const CALLER_ID_NAMES = ['ACME WIDGETS', 'ACME SUPPORT', 'ACME SALES'];
const VANITY = ['FLOWERS', 'WIDGETS', 'CALLACME', 'HELPNOW'];

export interface NumberOwner {
  id: number;
  type: string;
  ref: { id: number; uri: string; extensionNumber: string; name: string };
}

export interface InventoryOptions {
  base: string;
  accountId: number;
  seed: number;
  count: number;
  /** Extensions that may own numbers; the first is the signed-in user. */
  owners: NumberOwner[];
}

const pickUsage = weightedTable(USAGE_MIX);
const pickLocal = weightedTable(LOCAL);
const pickTollFree = weightedTable(TOLL_FREE);
const pickStatus = weightedTable([['Normal', 90], ['PortedIn', 5], ['Pending', 3], ['Temporary', 2]] as const);
const AREA_INDEX = new Map<Area, number>([...LOCAL, ...TOLL_FREE].map(([a], i) => [a, i]));

export function buildPhoneNumbers(o: InventoryOptions): Record<string, unknown>[] {
  const rnd = new SeededRandom(o.seed * 31 + 7);
  const offset = rnd.int(1_000_000);
  const counters = new Map<Area, number>();
  const listUri = `${o.base}/restapi/v1.0/account/${o.accountId}/phone-number/`;
  const idBase = 1_100_000_004 + rnd.int(50_000) * 1000;
  const providers = [{ id: '1', name: 'InContact/North America' }, { id: '2', name: 'InContact/Europe' }];
  // Some call queues have no number: every extension that owns one is still in the directory, not every one owns one.
  const owners = o.owners.filter((w, k) => k === 0 || !EXTENSIONS_WITHOUT_NUMBERS.has(w.ref.name));
  const users = owners.filter((w) => w.type === 'User');
  const primaryTaken = new Set<number>();
  const out: Record<string, unknown>[] = [];
  const count = Math.max(0, Math.trunc(o.count));
  for (let i = 0; i < count; i++) {
    const usage = i === 0 ? 'MainCompanyNumber' : i === FIRST_UNASSIGNED ? 'DirectNumber' : (FORCED_USAGE[i - 1] ?? pickUsage(rnd));
    const companyLevel = usage !== 'DirectNumber' && usage !== 'BusinessMobileNumber';
    let area: Area;
    if (i === 0) area = (LOCAL[0] as readonly [Area, number])[0];
    else if (usage === 'ConferencingNumber' || (companyLevel && rnd.chance(0.25)) || rnd.chance(0.03)) area = pickTollFree(rnd);
    else area = pickLocal(rnd);
    const k = counters.get(area) ?? 0;
    counters.set(area, k + 1);
    // k -> subscriber number is a bijection (7919 is coprime with the span), so numbers are unique.
    const span = 8 * 10 ** (area.digits - 1);
    const shift = offset + (AREA_INDEX.get(area) ?? 0) * 1_234_567;
    const subscriber = 2 * 10 ** (area.digits - 1) + ((k * 7919 + shift) % span);
    const id = idBase + i * 1000;
    const status = FORCED_STATUS[i] ?? (i === 0 ? 'Normal' : pickStatus(rnd));
    const type =
      usage === 'CompanyFaxNumber' ? 'FaxOnly'
      : usage === 'ConferencingNumber' || usage === 'ContactCenterNumber' || usage === 'MeetingsNumber' || usage.endsWith('MobileNumber') ? 'VoiceOnly'
      : rnd.chance(0.1) ? 'VoiceOnly' : 'VoiceFax';
    // All mandatory fields in one literal: records share a hidden class, which keeps 100k fast.
    const rec: Record<string, unknown> = {
      uri: listUri + id,
      id,
      phoneNumber: `+${area.cc}${area.area}${subscriber}`,
      paymentType: paymentType(usage, area, rnd),
      type,
      usageType: usage,
      status,
    };
    let owner: NumberOwner | undefined;
    if (usage === 'DirectNumber') {
      owner = i === 1 || i === 12 ? owners[0] : owners.length ? rnd.pick(owners) : undefined;
      if (isUnassigned(i)) owner = undefined;
    }
    else if (usage.endsWith('BusinessMobileNumber') && users.length) owner = rnd.pick(users);
    if (owner) rec['extension'] = owner.ref;
    const hostile = HOSTILE_AT.indexOf(i);
    if (hostile >= 0) rec['label'] = HOSTILE_LABELS[hostile];
    else if (rnd.chance(0.15)) rec['label'] = rnd.pick(LABELS);
    if (area.location && !area.tollFree && rnd.chance(0.95)) rec['location'] = area.location;
    if (usage === 'DirectNumber' && owner) {
      rec['primary'] = !primaryTaken.has(owner.id);
      primaryTaken.add(owner.id);
    }
    if (status === 'Pending') {
      rec['temporaryNumber'] = { id: String(id + 500), phoneNumber: `+1650555${String(i % 10000).padStart(4, '0')}` };
    }
    if (area.tollFree && (i === 2 || rnd.chance(0.05))) rec['vanityPattern'] = rnd.pick(VANITY);
    if (usage === 'ContactCenterNumber') rec['contactCenterProvider'] = i === 8 ? providers[0] : rnd.pick(providers);
    if (companyLevel && (i === 2 || rnd.chance(0.1))) rec['callerIdName'] = rnd.pick(CALLER_ID_NAMES);
    if (usage.endsWith('BusinessMobileNumber')) rec['activationStatus'] = rnd.chance(0.8) ? 'Active' : 'Inactive';
    else if (i > 0 && rnd.chance(0.05)) rec['activationStatus'] = 'Active';
    out.push(rec);
  }
  return out;
}

function paymentType(usage: string, area: Area, rnd: SeededRandom): string {
  if (usage === 'ForwardedNumber' || usage === 'ForwardedCompanyNumber') return 'External';
  if (usage.endsWith('BusinessMobileNumber')) return 'BusinessMobileNumberProvider';
  if (usage === 'IntegrationNumber') return area.tollFree ? 'ExternalNumberProviderTollFree' : 'ExternalNumberProvider';
  if (area.tollFree) return 'TollFree';
  return rnd.chance(0.01) ? 'ExternalNumberProvider' : 'Local';
}
