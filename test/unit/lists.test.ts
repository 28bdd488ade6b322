/**
 * Lists as units: the descriptors, the generic paged `list()` against the emulator, and the filter.
 */
import assert from 'node:assert/strict';
import { extensionList, extensionName } from '../../src/core/lists/extensionList';
import { countOf, groupRank } from '../../src/core/lists/listDescriptor';
import { extensionIdOf, phoneNumberList } from '../../src/core/lists/phoneNumberList';
import { textMatcher } from '../../src/core/lists/textFilter';
import { groupForRequest } from '../../src/core/rateLimit/groups';
import type { GateState } from '../../src/core/rateLimit/rateGate';
import type { ExtensionInfo } from '../../src/core/schemas/extension';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { rig } from './support';

const EXTENSION_LIST = /^\/restapi\/v1\.0\/account\/[^/]+\/extension$/;
const PHONE_LIST = /^\/restapi\/v1\.0\/account\/[^/]+\/phone-number$/;

describe('list descriptors', () => {
  for (const d of [phoneNumberList, extensionList]) {
    it(`${d.title}: its rate group is the one the client gates it by, its id names a view and a file`, () => {
      assert.equal(groupForRequest('GET', d.path), d.group);
      assert.match(d.id, /^[A-Za-z]+$/);
      assert.ok(d.exports.json.endsWith('.json') && d.exports.csv.endsWith('.csv'));
      assert.equal(countOf(d, 1), `1 ${d.noun.one}`);
      assert.equal(countOf(d, 1234), `1,234 ${d.noun.many}`);
    });
  }

  it('phone numbers: keyed by id, named by number, grouped by usage type in the order admins look for them', () => {
    const n = { id: 7, phoneNumber: '+16505550100', usageType: 'DirectNumber', extension: { id: 42, extensionNumber: '101', name: 'Avery Quinn' } };
    assert.equal(phoneNumberList.key(n), '7');
    assert.equal(phoneNumberList.label(n), '+16505550100');
    assert.equal(phoneNumberList.groupOf(n), 'DirectNumber');
    assert.equal(phoneNumberList.groupOf({ id: 8, phoneNumber: '+1' }), 'Other');
    assert.equal(phoneNumberList.groupLabel('ContactCenterNumber'), 'Contact Center Number');
    assert.equal(extensionIdOf(n), '42');
    assert.equal(extensionIdOf({ id: 9, phoneNumber: '+1', extension: { id: null } }), undefined);
    const sorted = ['NewUsageType', 'DirectNumber', 'AnotherNew', 'MainCompanyNumber'].sort(groupRank(phoneNumberList.groupOrder));
    assert.deepEqual(sorted, ['MainCompanyNumber', 'DirectNumber', 'AnotherNew', 'NewUsageType']);
  });

  it('extensions: grouped by type with the admin portal’s names, named even without a name', () => {
    assert.equal(extensionList.groupLabel('Department'), 'Call Queues', 'the API’s legacy name for a call queue');
    assert.equal(extensionList.groupLabel('User'), 'Users');
    assert.equal(extensionList.groupLabel('SomethingNew'), 'Something New');
    assert.equal(extensionList.groupOf({ id: 1 }), 'Other');
    const e = (x: Partial<ExtensionInfo>): ExtensionInfo => ({ id: 5, ...x });
    assert.equal(extensionName(e({ name: 'Avery Quinn' })), 'Avery Quinn');
    assert.equal(extensionName(e({ name: '  ', contact: { firstName: 'Wei', lastName: 'Zhang' } })), 'Wei Zhang');
    assert.equal(extensionName(e({ extensionNumber: '801' })), 'Extension 801');
    assert.equal(extensionName(e({})), 'Extension id 5');
    assert.deepEqual([...new Set(['User', 'IvrMenu', 'Department', 'Zeta', 'Bot'].sort(groupRank(extensionList.groupOrder)))], ['User', 'Department', 'IvrMenu', 'Bot', 'Zeta']);
  });
});

describe('the filter', () => {
  it('matches text anywhere, case-insensitive, and phone numbers by their digits', () => {
    const match = textMatcher('  QUINN ');
    assert.ok(match);
    assert.equal(match(['Avery Quinn'], []), true);
    assert.equal(match(['Avery Smith', undefined, null, 42], []), false);
    const digits = textMatcher('(650) 555-01');
    assert.ok(digits);
    assert.equal(digits([], ['+16505550100']), true);
    assert.equal(digits([], ['+14155550100']), false);
    // Not number-like: "ext 101" must not match every number containing 101.
    const words = textMatcher('ext 101');
    assert.equal(words?.([], ['+16501010101']), false);
    assert.equal(textMatcher('   '), undefined, 'an empty filter shows everything without a walk');
    assert.equal(textMatcher('12')?.([], ['+1200']), false, 'two digits are too few to match by digits');
  });
});

describe('the generic paged list()', () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  it('walks the extension list page by page: every record as received, in server order, in the Medium group', async () => {
    emu = await startEmulator({ unlimited: true, extensions: 2345, phoneNumbers: 10 });
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    const pages = [];
    for await (const page of api.list(extensionList, { perPage: 1000 })) pages.push(page);
    assert.deepEqual(pages.map((p) => p.records.length), [1000, 1000, 345]);
    assert.equal(pages[0]?.totalElements, 2345);
    const records = pages.flatMap((p) => p.records);
    assert.deepEqual(records, emu.data.extensions, 'every field of every record, server order');
    assert.deepEqual(Object.keys(records[3] ?? {}), Object.keys(emu.data.extensions[3] ?? {}));
    assert.ok(pages.every((p) => p.invalid.length === 0));
    const sent = emu.requests.filter((r) => EXTENSION_LIST.test(r.path));
    assert.deepEqual(sent.map((r) => r.query.get('page')), ['1', '2', '3']);
    assert.ok(sent.every((r) => r.group === 'Medium'));
  });

  it('skips a record that fails its schema and reports where, without failing the list', async () => {
    emu = await startEmulator({ unlimited: true, extensions: 30, phoneNumbers: 10 });
    const broken = emu.data.extensions[4] as Record<string, unknown>;
    delete broken['id'];
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    const pages = [];
    for await (const page of api.list(extensionList, { perPage: 10 })) pages.push(page);
    assert.equal(pages.flatMap((p) => p.records).length, 29);
    assert.deepEqual(pages.map((p) => p.invalid.map((i) => i.index)), [[4], [], []]);
    assert.match(pages[0]?.invalid[0]?.issues ?? '', /^id: /);
  });

  it('holds a page at the Medium gate instead of provoking a 429, and says when it may leave', async () => {
    emu = await startEmulator({ extensions: 30, phoneNumbers: 10, limits: { Medium: { limit: 2, windowMs: 1500, penaltyMs: 60_000 } } });
    const { tokens, api, client } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    const held: GateState[] = [];
    const off = client.gates.onDidChange((s) => {
      if (s.waiting > 0) held.push(s);
    });
    const started = Date.now();
    let n = 0;
    for await (const page of api.list(extensionList, { perPage: 10 })) n += page.records.length;
    off();
    assert.equal(n, 30);
    assert.equal(emu.requests.filter((r) => r.status === 429).length, 0);
    assert.ok(Date.now() - started >= 1400, 'the third page waited for the window');
    const wait = held[0];
    assert.ok(wait, 'the gate reported the held request');
    assert.equal(wait.group, 'Medium');
    assert.equal(wait.reason, 'window');
    assert.equal(wait.limit, 2);
    assert.ok(wait.nextAt !== undefined && wait.nextAt > started);
  });

  it('two lists of different rate groups load in parallel: the Medium list does not wait behind the Heavy one', async () => {
    emu = await startEmulator({ extensions: 30, phoneNumbers: 30, limits: { Heavy: { limit: 1, windowMs: 1500, penaltyMs: 60_000 } } });
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    const drain = async (it: AsyncGenerator<{ records: unknown[] }>): Promise<number> => {
      let n = 0;
      for await (const p of it) n += p.records.length;
      return n;
    };
    const [numbers, extensions] = await Promise.all([drain(api.list(phoneNumberList, { perPage: 10 })), drain(api.list(extensionList, { perPage: 10 }))]);
    assert.deepEqual([numbers, extensions], [30, 30]);
    const heavy = emu.requests.filter((r) => PHONE_LIST.test(r.path));
    const medium = emu.requests.filter((r) => EXTENSION_LIST.test(r.path));
    assert.equal(heavy.length, 3);
    assert.equal(medium.length, 3);
    assert.ok(Math.max(...medium.map((r) => r.at)) < (heavy[1]?.at ?? 0), 'every extension page arrived before the second, held, page of numbers');
    assert.equal(emu.requests.filter((r) => r.status === 429).length, 0);
  });
});
