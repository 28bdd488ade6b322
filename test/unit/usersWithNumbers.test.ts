/**
 * The users-with-numbers join and its CSV, the file a directory-sync script reads with Import-Csv.
 */
import assert from 'node:assert/strict';
import { usersWithNumbersCsv, USERS_WITH_NUMBERS_COLUMNS } from '../../src/core/export/usersWithNumbersCsv';
import { directNumbersOf, joinUsersWithNumbers, otherNumbersOf } from '../../src/core/lists/usersWithNumbers';
import type { ExtensionInfo } from '../../src/core/schemas/extension';
import type { PhoneNumber } from '../../src/core/schemas/phoneNumber';
import { parseCsv } from './csvReader';

const ext = (id: number | string, x: Partial<ExtensionInfo> = {}): ExtensionInfo => ({ id, name: `User ${id}`, type: 'User', status: 'Enabled', ...x });
const num = (id: number, phoneNumber: string, extId?: number | string, x: Partial<PhoneNumber> = {}): PhoneNumber =>
  ({ id, phoneNumber, usageType: 'DirectNumber', ...(extId === undefined ? {} : { extension: { id: extId, extensionNumber: String(extId) } }), ...x });

describe('users joined with their numbers', () => {
  it('attaches each number to its extension by id, in the number list’s order, one pass each', () => {
    const users = [ext(1), ext(2), ext(3)];
    const numbers = [num(10, '+16505550010', 2), num(11, '+16505550011', 1), num(12, '+16505550012', 2), num(13, '+16505550013')];
    const j = joinUsersWithNumbers(users, numbers);
    assert.deepEqual(j.users.map((u) => u.extension.id), [1, 2, 3], 'the extension list’s order');
    assert.deepEqual(j.users.map((u) => u.numbers.map((n) => n.id)), [[11], [10, 12], []], 'an extension without numbers keeps an empty list');
    assert.deepEqual(j.unassigned.map((n) => n.id), [13], 'a number without extension');
    assert.deepEqual(j.unknownExtension, []);
    assert.equal(j.users[1]?.numbers[0], numbers[0], 'the records themselves, not copies');
  });

  it('keeps a number whose extension is missing from the list apart, instead of dropping it', () => {
    const j = joinUsersWithNumbers([ext(1)], [num(10, '+1650', 1), num(11, '+1651', 99)]);
    assert.deepEqual(j.unknownExtension.map((n) => n.id), [11]);
    assert.deepEqual(j.users[0]?.numbers.map((n) => n.id), [10]);
  });

  it('matches ids across number and string forms (v1 numbers, v2 strings), and a duplicate extension id counts once', () => {
    const j = joinUsersWithNumbers([ext(7), ext('8'), ext(7, { name: 'duplicate' })], [num(1, '+1', '7'), num(2, '+2', 8)]);
    assert.deepEqual(j.users.map((u) => u.numbers.length), [1, 1, 0]);
  });

  it('direct numbers: the primary first, then the list’s order; other usage types apart', () => {
    const mine = [num(1, '+1001', 1), num(2, '+1002', 1, { primary: true }), num(3, '+1003', 1, { usageType: 'BusinessMobileNumber' }), num(4, '+1004', 1)];
    assert.deepEqual(directNumbersOf(mine).map((n) => n.id), [2, 1, 4]);
    assert.deepEqual(otherNumbersOf(mine).map((n) => n.id), [3]);
  });

  it('an empty side joins to nothing missing', () => {
    assert.deepEqual(joinUsersWithNumbers([], [num(1, '+1', 5)]).unknownExtension.length, 1);
    assert.deepEqual(joinUsersWithNumbers([ext(1)], []).users[0]?.numbers, []);
  });
});

describe('Users with Numbers as CSV', () => {
  it('one row per extension: the server’s values, direct numbers in E.164 in one column separated by ;', () => {
    const users = [
      ext(1, { name: 'Avery Quinn', extensionNumber: '101', contact: { email: 'avery@example.com', department: 'R&D, Labs' } }),
      ext(2, { name: 'Sales, EMEA', type: 'Department', extensionNumber: '201' }),
      ext(3, { name: '=HYPERLINK("http://x")', status: 'NotActivated', extensionNumber: '102' }),
      ext(4, { extensionNumber: undefined, status: 'Unassigned' }),
    ];
    const numbers = [num(10, '+16505550010', 1), num(11, '+14155550011', 1, { primary: true }), num(12, '+16505550012', 1, { usageType: 'BusinessMobileNumber' }), num(13, '+12125550013', 2)];
    const text = usersWithNumbersCsv(joinUsersWithNumbers(users, numbers).users);
    assert.ok(text.endsWith('\r\n'));
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], [...USERS_WITH_NUMBERS_COLUMNS]);
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[1], ['1', 'Avery Quinn', 'avery@example.com', '101', 'User', 'Enabled', 'R&D, Labs', '+14155550011;+16505550010', '+16505550012']);
    assert.deepEqual(rows[2], ['2', 'Sales, EMEA', '', '201', 'Department', 'Enabled', '', '+12125550013', '']);
    // A name a spreadsheet would run is defused; number lists are not touched (Import-Csv reads them as they are).
    assert.deepEqual(rows[3]?.slice(0, 2), ['3', `'=HYPERLINK("http://x")`]);
    assert.deepEqual(rows[4]?.slice(3, 9), ['', 'User', 'Unassigned', '', '', '']);
  });

  it('a header and nothing else for no extensions', () => {
    assert.equal(usersWithNumbersCsv([]), `${USERS_WITH_NUMBERS_COLUMNS.join(',')}\r\n`);
  });
});
