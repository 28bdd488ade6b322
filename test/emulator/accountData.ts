import { SeededRandom } from './random';

/** Generated account, signed-in user and extension directory (deterministic for a seed). */
export interface Directory {
  accountId: number;
  account: Record<string, unknown>;
  me: Record<string, unknown>;
  extensions: Record<string, unknown>[];
}

export const BRAND_HOME = { id: '1', uri: '', name: 'United States', isoCode: 'US', callingCode: '1' };

const FIRST = ['Avery', 'Jordan', 'Maria', 'Wei', 'Priya', 'Liam', 'Sofía', 'Noah', 'Aisha', 'Mateo', 'Zoë', 'Kenji', 'Olga', 'Seán', 'Chloé', 'Dmitri', 'Fatima', 'Lars', 'Ngozi', 'Hiro'];
const LAST = ['Quinn', 'Smith', 'García', 'Zhang', 'Patel', 'Johnson', 'Müller', "O'Brien", 'Kowalski', 'Nguyen', 'Łukasiewicz', 'Tanaka', 'Ivanova', 'Rossi', 'Dubois', 'Okafor', 'Andersson', 'Haddad', 'Silva', 'Brown'];
/**
 * Non-user extensions: [type, name, extension number]. Names include a comma, quotes and non-ASCII. Record shapes
 * follow `GetExtensionListInfoResponse` in the spec (spec/rc-platform.yml) and the real list in
 * fixtures/extension-list.widgets.json; which types come without a contact or an email follows what the admin
 * portal asks for when creating them (a park location has no contact, IVR menus and announcements no email).
 */
const OTHERS: readonly (readonly [string, string, number])[] = [
  ['Department', 'Sales, EMEA', 201],
  ['Department', 'Support Tier 2', 202],
  ['IvrMenu', 'Main IVR', 301],
  ['Announcement', 'Holiday announcement', 401],
  ['Voicemail', 'After-hours voicemail', 402],
  ['SharedLinesGroup', 'Front desk "shared"', 501],
  ['ParkLocation', 'Park 1', 801],
  ['Limited', 'Lobby phone', 901],
  ['VirtualUser', 'Réception virtuelle', 601],
  ['FaxUser', 'Fax – 3rd floor', 701],
  ['DigitalUser', 'Digital line', 602],
  ['Department', '客服中心', 203],
];

/** Call queues that nobody answers and no number rings: an extension with no numbers is a real case. */
export const EXTENSIONS_WITHOUT_NUMBERS: ReadonlySet<string> = new Set(['Support Tier 2', '客服中心']);

/** Types created without an email, and without a contact at all. */
const NO_EMAIL = new Set(['IvrMenu', 'Announcement', 'Limited', 'ParkLocation']);
const NO_CONTACT = new Set(['ParkLocation']);

/** Users (by position) whose names break naive CSV, shells, Markdown, HTML and spreadsheets. */
const HOSTILE_NAMES: Readonly<Record<number, readonly [string, string]>> = {
  4: ['Zoë "Zed"', "O'Neil, Jr."],
  7: ['=HYPERLINK("http://example.com")', '-2+3'],
  10: ['<b>Bold</b> | *star*', '$(whoami) `id`'],
  13: ['מרים', 'כהן 📞'],
};

/** Past the fixed extensions above, large directories get a call queue, an IVR menu or a shared line now and then. */
const RECURRING: readonly (readonly [number, string, string])[] = [
  [37, 'Department', 'Queue'],
  [101, 'IvrMenu', 'Menu'],
  [149, 'SharedLinesGroup', 'Shared line'],
  [211, 'Announcement', 'Announcement'],
];

export interface DirectoryOptions {
  base: string;
  seed: number;
  extensions: number;
  admin: boolean;
  mainNumber: string;
}

export function buildDirectory(o: DirectoryOptions): Directory {
  const rnd = new SeededRandom(o.seed * 7 + 1);
  const accountId = 100000004 + rnd.int(800000) * 1000;
  const accUri = `${o.base}/restapi/v1.0/account/${accountId}`;
  const extensions: Record<string, unknown>[] = [];
  const count = Math.max(1, Math.trunc(o.extensions));
  let nextUser = 101;
  let other = 0;
  // Extension numbers are unique in an account: users skip the ones the other types hold.
  const reserved = new Set(OTHERS.map(([, , n]) => n));
  for (let i = 0; i < count; i++) {
    const id = accountId + 1001 + i * 1000;
    const uri = `${accUri}/extension/${id}`;
    const recurring = i > 40 ? RECURRING.find(([every]) => i % every === 0) : undefined;
    const isUser = recurring === undefined && (i === 0 || i % 3 !== 0 || other >= OTHERS.length);
    if (isUser) {
      const hostile = HOSTILE_NAMES[i];
      const first = i === 0 ? 'Avery' : (hostile?.[0] ?? rnd.pick(FIRST));
      const last = i === 0 ? 'Quinn' : (hostile?.[1] ?? rnd.pick(LAST));
      if (hostile) {
        // The same draws as without, so that the rest of the directory does not change.
        rnd.pick(FIRST);
        rnd.pick(LAST);
      }
      while (reserved.has(nextUser)) nextUser++;
      const ext = String(nextUser++);
      const status = i === 0 ? 'Enabled' : rnd.weighted([['Enabled', 85], ['Disabled', 5], ['NotActivated', 7], ['Frozen', 3]] as const);
      const email = `${asciiSlug(first)}.${asciiSlug(last)}${i === 0 ? '' : i}@example.com`;
      const rec: Record<string, unknown> = {
        uri,
        id,
        extensionNumber: ext,
        contact: {
          firstName: first,
          lastName: last,
          company: 'Acme Widgets, Inc.',
          email,
          ...(rnd.chance(0.6) ? { businessPhone: `+1650555${String(1000 + i).slice(-4)}` } : {}),
          emailAsLoginName: i === 0 || rnd.chance(0.7),
          pronouncedName: { type: 'Default' },
          ...(rnd.chance(0.4) ? { department: rnd.pick(['Sales', 'Engineering', 'Support', 'R&D, Labs']) } : {}),
        },
        name: `${first} ${last}`,
        type: 'User',
        status,
        permissions: { admin: { enabled: i === 0 ? o.admin : rnd.chance(0.1) }, internationalCalling: { enabled: rnd.chance(0.5) } },
        profileImage: { uri: `${uri}/profile-image` },
        ...(rnd.chance(0.15) ? { hidden: false } : {}),
        ...(i % 5 === 2 ? { site: { id: 'main-site', uri: `${accUri}/sites/main-site`, name: 'Main Site', code: '1' } } : {}),
        ...(i % 7 === 3 ? { costCenter: { id: '42', name: 'R&D' } } : {}),
      };
      extensions.push(rec);
    } else {
      const [type, name, num] = recurring ? [recurring[1], `${recurring[2]} ${i}`, 20000 + i] : (OTHERS[other++] as readonly [string, string, number]);
      const contact: Record<string, unknown> = { firstName: name, ...(NO_EMAIL.has(type) ? {} : { email: `${type.toLowerCase()}${num}@example.com` }), emailAsLoginName: false, pronouncedName: { type: 'Default' } };
      const rec: Record<string, unknown> = {
        uri,
        id,
        extensionNumber: String(num),
        ...(NO_CONTACT.has(type) ? {} : { contact }),
        name,
        type,
        status: 'Enabled',
        profileImage: { uri: `${uri}/profile-image` },
      };
      if (type === 'Department') rec['callQueueInfo'] = { slaGoal: 80, slaThresholdSeconds: 30, includeAbandonedCalls: false, abandonedThresholdSeconds: 10 };
      extensions.push(rec);
    }
  }
  // One unassigned extension (no extensionNumber), as the platform returns for "Unassigned".
  if (count >= 10) {
    const last = extensions[count - 1];
    if (last) {
      delete last['extensionNumber'];
      last['status'] = 'Unassigned';
    }
  }
  const first = extensions[0] as Record<string, unknown>;
  const me: Record<string, unknown> = {
    ...first,
    account: { uri: accUri, id: String(accountId) },
    regionalSettings: regional(o.base),
    setupWizardState: 'Completed',
    serviceFeatures: [
      { featureName: 'ReadCompanyPhoneNumbers', enabled: true },
      { featureName: 'SMS', enabled: true },
    ],
    hidden: false,
  };
  const account: Record<string, unknown> = {
    uri: accUri,
    id: accountId,
    serviceInfo: {
      uri: `${accUri}/service-info`,
      brand: { id: '1210', name: 'RingCentral', homeCountry: { ...BRAND_HOME, uri: `${o.base}/restapi/v1.0/dictionary/country/1` } },
      servicePlan: { id: '8812', name: 'RingCentral MVP Premium', edition: 'Premium' },
      billingPlan: { id: '33270', name: 'Monthly-109.98-Premium 10', durationUnit: 'Month', duration: 1, type: 'Regular', includedPhoneLines: 10 },
      contractedCountry: { id: '1', uri: `${o.base}/restapi/v1.0/dictionary/country/1` },
      uBrand: { id: '1210', name: 'RingCentral' },
    },
    operator: { uri: first['uri'], id: first['id'], extensionNumber: first['extensionNumber'] },
    mainNumber: o.mainNumber,
    status: 'Confirmed',
    signupInfo: {
      tosAccepted: true,
      signupState: ['AccountCreated', 'BillingEntered', 'CreditCardApproved', 'AccountConfirmed'],
      marketingAccepted: false,
      creationTime: '2019-06-03T17:42:19.000Z',
    },
    setupWizardState: 'Completed',
    regionalSettings: regional(o.base),
    federated: false,
    outboundCallPrefix: 9,
    bsid: `${400000000 + (accountId % 99991)}`,
    limits: {
      freeSoftPhoneLinesPerExtension: 1,
      meetingSize: 100,
      cloudRecordingStorage: 10,
      maxMonitoredExtensionsPerUser: 100,
      maxExtensionNumberLength: 5,
      siteCodeLength: 0,
      shortExtensionNumberLength: 5,
    },
  };
  return { accountId, account, me, extensions };
}

function regional(base: string): Record<string, unknown> {
  return {
    homeCountry: { id: '1', uri: `${base}/restapi/v1.0/dictionary/country/1`, name: 'United States' },
    timezone: { id: '58', uri: `${base}/restapi/v1.0/dictionary/timezone/58`, name: 'US/Pacific', description: 'Pacific Time (US & Canada)', bias: '-480' },
    language: { id: '1033', localeCode: 'en-US', name: 'English (United States)' },
    greetingLanguage: { id: '1033', localeCode: 'en-US', name: 'English (United States)' },
    formattingLocale: { id: '1033', localeCode: 'en-US', name: 'English (United States)' },
    timeFormat: '12h',
    currency: { id: 146, code: 'USD', name: 'US Dollar', symbol: '$', minorSymbol: '¢' },
  };
}

function asciiSlug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase() || 'user';
}

/** Sets the signed-in user's admin flag in both `me` and the directory entry. */
export function setAdminFlag(dir: Directory, admin: boolean): void {
  for (const rec of [dir.me, dir.extensions[0]]) {
    const perms = rec?.['permissions'] as { admin?: { enabled: boolean } } | undefined;
    if (perms) perms.admin = { enabled: admin };
  }
}
