import assert from 'node:assert/strict';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { listRequests, PHONE_NUMBER_LIST, rig } from './support';


describe('paging', () => {
  let emu: Emulator;
  afterEach(() => emu?.close());

  async function all(options: Parameters<typeof startEmulator>[0], perPage?: number) {
    emu = await startEmulator({ unlimited: true, ...options });
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    const pages = [];
    for await (const page of api.phoneNumbers({}, perPage ? { perPage } : {})) pages.push(page);
    return pages;
  }

  it('follows navigation.nextPage and returns every record in server order', async () => {
    const pages = await all({ phoneNumbers: 2500 });
    assert.equal(pages.length, 3);
    assert.deepEqual(pages.map((p) => p.numbers.length), [1000, 1000, 500]);
    assert.equal(pages[0]?.totalPages, 3);
    assert.equal(pages[0]?.totalElements, 2500);
    const ids = pages.flatMap((p) => p.numbers.map((n) => n.id));
    assert.deepEqual(ids, emu.data.phoneNumbers.map((n) => n.id));
    const sent = listRequests(emu);
    assert.deepEqual(sent.map((r) => r.query.get('page')), ['1', '2', '3']);
    assert.ok(sent.every((r) => r.query.get('perPage') === '1000'));
  });

  it('works without totals', async () => {
    const pages = await all({ phoneNumbers: 1200, omitTotals: true }, 500);
    assert.deepEqual(pages.map((p) => p.numbers.length), [500, 500, 200]);
    assert.equal(pages[0]?.totalPages, undefined);
  });

  it('an exact multiple of perPage ends without an empty extra page, and an empty list is one page', async () => {
    const pages = await all({ phoneNumbers: 2000 });
    assert.deepEqual(pages.map((p) => p.numbers.length), [1000, 1000]);
    await emu.close();
    const none = await all({ phoneNumbers: 0 });
    assert.deepEqual(none.map((p) => p.numbers.length), [0]);
  });

  it('keeps every field in server order, unknown ones included', async () => {
    const pages = await all({ phoneNumbers: 30 });
    const first = pages[0]?.numbers[0];
    assert.deepEqual(first, emu.data.phoneNumbers[0]);
    assert.deepEqual(Object.keys(first ?? {}), Object.keys(emu.data.phoneNumbers[0] ?? {}));
  });

  it('passes multi-valued filters as repeated keys', async () => {
    emu = await startEmulator({ unlimited: true, phoneNumbers: 300 });
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    const got = [];
    for await (const p of api.phoneNumbers({ usageType: ['MainCompanyNumber', 'CompanyNumber'] })) got.push(...p.numbers);
    assert.ok(got.length > 0);
    assert.ok(got.every((n) => n.usageType === 'MainCompanyNumber' || n.usageType === 'CompanyNumber'));
    assert.deepEqual(listRequests(emu)[0]?.query.getAll('usageType'), ['MainCompanyNumber', 'CompanyNumber']);
  });

  it('a damaged page fails clearly, after the pages already received were delivered', async () => {
    emu = await startEmulator({ unlimited: true, phoneNumbers: 2500 });
    const { tokens, api } = rig(emu);
    await tokens.signIn({ type: 'jwt', assertion: emu.jwt });
    let received = 0;
    const iterator = api.phoneNumbers();
    const first = await iterator.next();
    received += first.done ? 0 : first.value.numbers.length;
    emu.inject({ kind: 'truncated', path: PHONE_NUMBER_LIST });
    await assert.rejects(iterator.next(), /cut off or invalid/);
    assert.equal(received, 1000);
  });
});
