/**
 * Lists kept on disk: what is written, what is read back, and what happens to files that are damaged, foreign,
 * or would hold a secret.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KeptStore, type KeptScope } from '../../src/core/cache/keptStore';
import { extensionList } from '../../src/core/lists/extensionList';
import { readKeptList, writeKeptList } from '../../src/core/lists/keptList';
import { phoneNumberList } from '../../src/core/lists/phoneNumberList';
import type { PhoneNumber } from '../../src/core/schemas/phoneNumber';
import { manyPhoneNumbers } from './sampleRecords';

const SCOPE: KeptScope = { server: 'https://platform.ringcentral.com', owner: '809646016' };

describe('lists kept on disk', () => {
  let dir: string;
  let store: KeptStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-kept-'));
    store = new KeptStore(path.join(dir, 'kept-lists'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads back every record as written, in order, with its time, one file per server, user and list', async () => {
    const records = manyPhoneNumbers(2500) as PhoneNumber[];
    await writeKeptList(store, SCOPE, phoneNumberList, { records, skipped: 2, savedAt: 1_700_000_000_000 }, ['a-secret-value']);
    const read = await readKeptList(store, SCOPE, phoneNumberList);
    assert.equal(read.kind, 'found');
    assert.ok(read.kind === 'found');
    assert.deepEqual(read.list.records, records);
    assert.deepEqual(Object.keys(read.list.records[1] ?? {}), Object.keys(records[1] ?? {}));
    assert.equal(read.list.skipped, 2);
    assert.equal(read.list.savedAt, 1_700_000_000_000);
    const file = store.fileOf(SCOPE, 'phoneNumbers');
    assert.ok(file.startsWith(store.serverDir(SCOPE.server)) && file.includes(`${path.sep}809646016${path.sep}`));
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['phoneNumbers.json'], 'no temporary file left behind');
    if (process.platform !== 'win32') assert.equal(fs.statSync(file).mode & 0o077, 0, 'readable by the user only');
  });

  it('keeps servers and users apart', async () => {
    await writeKeptList(store, SCOPE, extensionList, { records: [{ id: 1 }], skipped: 0, savedAt: 1 }, []);
    assert.equal((await readKeptList(store, { ...SCOPE, owner: '2' }, extensionList)).kind, 'missing');
    assert.equal((await readKeptList(store, { ...SCOPE, server: 'https://platform.ringcentral.biz' }, extensionList)).kind, 'missing');
    assert.equal((await readKeptList(store, SCOPE, phoneNumberList)).kind, 'missing');
  });

  it('refuses to write text that holds a secret of the session, in any form an export would escape it to', async () => {
    const secret = 'eyJ-a"token-123456';
    const records = [{ id: 1, phoneNumber: '+16505550100', label: `leaked ${secret}` }] as PhoneNumber[];
    await assert.rejects(writeKeptList(store, SCOPE, phoneNumberList, { records, skipped: 0, savedAt: 1 }, [secret]), /credential/);
    assert.equal(fs.existsSync(store.fileOf(SCOPE, 'phoneNumbers')), false, 'nothing written');
  });

  it('a damaged, foreign or other-format file is not used, and is deleted', async () => {
    const file = store.fileOf(SCOPE, 'phoneNumbers');
    const cases: [string, string, RegExp][] = [
      ['cut short', '{"format":1,"server":"https://platform.ringcentral.com","owner":"8096', /not valid JSON/],
      ['an array', '[1,2]', /holds no kept list/],
      ['another format', JSON.stringify({ format: 2, server: SCOPE.server, owner: SCOPE.owner, name: 'phoneNumbers', savedAt: 1, data: { records: [] } }), /format 2/],
      ['another user', JSON.stringify({ format: 1, server: SCOPE.server, owner: 'someone', name: 'phoneNumbers', savedAt: 1, data: { records: [] } }), /another server or user/],
      ['no time', JSON.stringify({ format: 1, server: SCOPE.server, owner: SCOPE.owner, name: 'phoneNumbers', data: { records: [] } }), /no valid time/],
      ['no records', JSON.stringify({ format: 1, server: SCOPE.server, owner: SCOPE.owner, name: 'phoneNumbers', savedAt: 1, data: { records: 'x' } }), /no records/],
    ];
    for (const [what, text, reason] of cases) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      const read = await readKeptList(store, SCOPE, phoneNumberList);
      assert.equal(read.kind, 'unreadable', what);
      assert.ok(read.kind === 'unreadable');
      assert.match(read.reason, reason, what);
      assert.equal(fs.existsSync(file), false, `${what}: deleted`);
    }
  });

  it('records that no longer pass the schema are skipped and counted, the rest kept', async () => {
    const file = store.fileOf(SCOPE, 'phoneNumbers');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const records = [{ id: 1, phoneNumber: '+1650' }, { id: 2 }, { id: 3, phoneNumber: '+1651' }];
    fs.writeFileSync(file, JSON.stringify({ format: 1, server: SCOPE.server, owner: SCOPE.owner, name: 'phoneNumbers', savedAt: 5, data: { records, skipped: 1 } }));
    const read = await readKeptList(store, SCOPE, phoneNumberList);
    assert.ok(read.kind === 'found');
    assert.deepEqual(read.list.records.map((r) => r.id), [1, 3]);
    assert.equal(read.list.skipped, 2);
  });

  it('a new write replaces the file whole; forgetting a server deletes all of it, and only it', async () => {
    const other = { server: 'https://platform.ringcentral.biz', owner: '1' };
    await writeKeptList(store, SCOPE, extensionList, { records: [{ id: 1 }], skipped: 0, savedAt: 1 }, []);
    await writeKeptList(store, SCOPE, extensionList, { records: [{ id: 2 }, { id: 3 }], skipped: 0, savedAt: 2 }, []);
    await writeKeptList(store, other, extensionList, { records: [{ id: 9 }], skipped: 0, savedAt: 3 }, []);
    const read = await readKeptList(store, SCOPE, extensionList);
    assert.ok(read.kind === 'found');
    assert.deepEqual(read.list.records.map((r) => r.id), [2, 3]);
    await store.forgetServer(SCOPE.server);
    assert.equal(fs.existsSync(store.serverDir(SCOPE.server)), false);
    assert.equal((await readKeptList(store, other, extensionList)).kind, 'found');
    await store.forgetAll();
    assert.equal(fs.existsSync(store.dir), false);
    await store.forgetServer(SCOPE.server); // nothing there: no error
  });

  it('writes from two windows at once leave one whole file', async () => {
    const a = manyPhoneNumbers(3000) as PhoneNumber[];
    const b = manyPhoneNumbers(10) as PhoneNumber[];
    await Promise.all([
      writeKeptList(store, SCOPE, phoneNumberList, { records: a, skipped: 0, savedAt: 1 }, []),
      writeKeptList(store, SCOPE, phoneNumberList, { records: b, skipped: 0, savedAt: 2 }, []),
    ]);
    const read = await readKeptList(store, SCOPE, phoneNumberList);
    assert.ok(read.kind === 'found');
    assert.ok(read.list.records.length === 3000 || read.list.records.length === 10);
  });
});
