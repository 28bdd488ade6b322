/**
 * The emulator's extension directory, held to the spec (`GetExtensionListInfoResponse`, spec/rc-platform.yml), the
 * real list in fixtures/extension-list.widgets.json, and its own phone numbers.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { api, at, signIn } from '../emulator/testClient';

const SPEC_TYPES = ['User', 'FaxUser', 'FlexibleUser', 'VirtualUser', 'DigitalUser', 'Department', 'Announcement', 'Voicemail', 'SharedLinesGroup', 'PagingOnly', 'IvrMenu', 'ApplicationExtension', 'ParkLocation', 'Bot', 'Room', 'Limited', 'Site', 'ProxyAdmin', 'DelegatedLinesGroup', 'GroupCallPickup'];
const SPEC_STATUSES = ['Enabled', 'Disabled', 'Frozen', 'NotActivated', 'Unassigned'];
const SPEC_FIELDS = new Set(['id', 'uri', 'contact', 'extensionNumber', 'name', 'permissions', 'profileImage', 'status', 'type', 'subType', 'callQueueInfo', 'hidden', 'site', 'assignedCountry', 'costCenter']);
const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../shared/ringcentral/fixtures/extension-list.widgets.json'), 'utf8')) as { records: Record<string, unknown>[] };

describe('emulator: the extension directory', () => {
  let em: Emulator | undefined;
  afterEach(async () => {
    await em?.close();
    em = undefined;
  });

  it('records use only the spec’s fields, types and statuses, and cover the real record’s fields', async () => {
    em = await startEmulator({ extensions: 400, phoneNumbers: 10 });
    const all = em.data.extensions;
    for (const e of all) {
      for (const key of Object.keys(e)) assert.ok(SPEC_FIELDS.has(key), `field ${key} is in the spec`);
      assert.ok(SPEC_TYPES.includes(String(e['type'])), String(e['type']));
      assert.ok(SPEC_STATUSES.includes(String(e['status'])), String(e['status']));
      assert.equal(typeof e['id'], 'number');
    }
    const real = fixture.records[0] as Record<string, unknown>;
    const user = all[0] as Record<string, unknown>;
    for (const key of Object.keys(real)) assert.ok(key in user, `the signed-in user has ${key}, like the real record`);
  });

  it('is heterogeneous: types, statuses, no contact, no email, hostile names, unique extension numbers', async () => {
    em = await startEmulator({ extensions: 2000, phoneNumbers: 10 });
    const all = em.data.extensions;
    const types = new Set(all.map((e) => e['type']));
    for (const t of ['User', 'Department', 'IvrMenu', 'SharedLinesGroup', 'Announcement', 'Voicemail', 'ParkLocation', 'Limited', 'VirtualUser', 'FaxUser', 'DigitalUser']) assert.ok(types.has(t), t);
    const statuses = new Set(all.map((e) => e['status']));
    for (const s of ['Enabled', 'Disabled', 'NotActivated', 'Unassigned']) assert.ok(statuses.has(s), s);
    assert.ok(all.some((e) => e['contact'] === undefined), 'an extension without contact');
    assert.ok(all.some((e) => e['contact'] !== undefined && at(e, 'contact.email') === undefined), 'an extension without email');
    const names = all.map((e) => String(e['name']));
    for (const ch of [',', '"', "'", '=', '<', '$', '`', '|']) assert.ok(names.some((n) => n.includes(ch)), `a name with ${ch}`);
    assert.ok(names.some((n) => /[\u0590-\u05ff]/.test(n)), 'a right-to-left name');
    const numbers = all.map((e) => e['extensionNumber']).filter((n) => n !== undefined);
    assert.equal(new Set(numbers).size, numbers.length, 'extension numbers are unique');
    assert.equal(all.filter((e) => e['extensionNumber'] === undefined).length, 1, 'one unassigned extension without a number');
    assert.ok(all.filter((e) => e['type'] === 'Department').length > 20, 'a large directory has many call queues');
  });

  it('is consistent with its phone numbers: every assigned number’s extension exists; some extensions have none', async () => {
    em = await startEmulator({ extensions: 60, phoneNumbers: 3000 });
    const byId = new Map(em.data.extensions.map((e) => [e['id'], e]));
    const owners = new Set<unknown>();
    for (const n of em.data.phoneNumbers) {
      const ref = n['extension'] as Record<string, unknown> | undefined;
      if (!ref) continue;
      const e = byId.get(ref['id']);
      assert.ok(e, `${String(n['phoneNumber'])}: extension ${String(ref['id'])} exists`);
      assert.equal(ref['extensionNumber'], e['extensionNumber']);
      assert.equal(ref['name'], e['name']);
      owners.add(ref['id']);
    }
    const departments = em.data.extensions.filter((e) => e['type'] === 'Department');
    assert.ok(departments.some((d) => !owners.has(d['id'])), 'a call queue without numbers');
    assert.ok(departments.some((d) => owners.has(d['id'])), 'a call queue with numbers');
    assert.ok(em.data.phoneNumbers.some((n) => n['usageType'] === 'DirectNumber' && n['extension'] === undefined), 'an unassigned direct number');
  });

  it('pages in the Medium group with perPage up to 1000 and navigation.nextPage; totals can be left out', async () => {
    em = await startEmulator({ extensions: 2100, phoneNumbers: 10, limits: { Medium: { limit: 3, windowMs: 60_000, penaltyMs: 60_000 } } });
    const t = await signIn(em);
    const first = await api(em, '/restapi/v1.0/account/~/extension?perPage=5000', t.access_token);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-rate-limit-group'), 'medium');
    assert.equal(first.headers.get('x-rate-limit-limit'), '3');
    assert.equal((at(first.body, 'records') as unknown[]).length, 1000, 'perPage is clamped to 1000');
    assert.deepEqual([at(first.body, 'paging.totalPages'), at(first.body, 'paging.totalElements')], [3, 2100]);
    const next = String(at(first.body, 'navigation.nextPage.uri'));
    const second = await api(em, next, t.access_token);
    assert.deepEqual(at(second.body, 'records'), em.data.extensions.slice(1000, 2000));
    const third = await api(em, String(at(second.body, 'navigation.nextPage.uri')), t.access_token);
    assert.equal(at(third.body, 'navigation.nextPage'), undefined, 'the last page has no nextPage');
    const fourth = await api(em, '/restapi/v1.0/account/~/extension', t.access_token);
    assert.equal(fourth.status, 429, 'the fourth request in the window exceeds Medium');
    assert.equal(at(fourth.body, 'errors.0.errorCode'), 'CMN-301');
    em.setOmitTotals(true);
    em.setLimit('Medium', { limit: 100, windowMs: 60_000, penaltyMs: 60_000 });
    const bare = await api(em, '/restapi/v1.0/account/~/extension?perPage=1000', t.access_token);
    assert.equal(at(bare.body, 'paging.totalElements'), undefined);
    assert.ok(at(bare.body, 'navigation.nextPage.uri'));
  });
});
