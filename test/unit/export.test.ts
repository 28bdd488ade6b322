import assert from 'node:assert/strict';
import { csvColumns, csvHeader, csvRow, PHONE_NUMBER_COLUMNS, toCsv } from '../../src/core/export/csv';
import { assertNoSecrets, toJson } from '../../src/core/export/json';
import { parseRecords, PhoneNumberSchema } from '../../src/core/schemas';
import { parseCsv } from './csvReader';
import { manyPhoneNumbers } from './sampleRecords';

describe('CSV export', () => {
  it('the test reader itself rejects malformed CSV', () => {
    assert.throws(() => parseCsv('a\nb'), /bare LF/);
    assert.throws(() => parseCsv('a\rb'), /bare CR/);
    assert.throws(() => parseCsv('a"b"'), /quote inside/);
    assert.throws(() => parseCsv('"a"b'), /after closing quote/);
    assert.throws(() => parseCsv('"a'), /unterminated/);
    assert.deepEqual(parseCsv('"a""b",c\r\n'), [['a"b', 'c']]);
  });

  it('round-trips hostile values through a strict RFC 4180 reader', () => {
    const values: [unknown, string][] = [
      ['He said "hi"', 'He said "hi"'],
      ['a,b', 'a,b'],
      ['line1\r\nline2', 'line1\r\nline2'],
      ['only\nLF', 'only\nLF'],
      ['cr\ronly', 'cr\ronly'],
      ['$HOME $(rm -rf /) `id` ${x}', '$HOME $(rm -rf /) `id` ${x}'],
      ['Ünïcødé 日本語 😀 — ‘quotes’', 'Ünïcødé 日本語 😀 — ‘quotes’'],
      ["'already quoted'", "'already quoted'"],
      ['  padded  ', '  padded  '],
      ['', ''],
      [42, '42'],
      [-1.5, '-1.5'],
      [true, 'true'],
      [null, ''],
      [['a', { b: 1 }], '["a",{"b":1}]'],
      [[], '[]'],
    ];
    const record = Object.fromEntries(values.map(([v], i) => [`c${i}`, v]));
    const rows = parseCsv(toCsv([record]));
    assert.deepEqual(rows[0], Object.keys(record));
    assert.deepEqual(
      rows[1],
      values.map(([, expected]) => expected),
    );
    assert.equal(rows.length, 2);
  });

  it('defuses formula starters but keeps E.164 and plain numbers clean', () => {
    const cases: [string, string][] = [
      ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
      ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
      ['@SUM(1)', "'@SUM(1)"],
      ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
      ['+cmd', "'+cmd"],
      ['\t=1', "'\t=1"],
      ['\r=1', "'\r=1"],
      ['＝1+1', "'＝1+1"],
      ['+16505550100*101', "'+16505550100*101"],
      ['+1 650 555 0100', "'+1 650 555 0100"],
      ['-', "'-"],
      ['+16505550100', '+16505550100'],
      ['+442071838750', '+442071838750'],
      ['-5', '-5'],
      ['+1.25', '+1.25'],
      ['-.5e3', '-.5e3'],
      ['16505550100', '16505550100'],
      ['a=b', 'a=b'],
      ['Front desk - main', 'Front desk - main'],
    ];
    const records = cases.map(([value]) => ({ label: value }));
    const rows = parseCsv(toCsv(records));
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      cases.map(([, expected]) => expected),
    );
    // Numbers that arrive as numbers are never touched either.
    assert.equal(parseCsv(toCsv([{ n: -7 }]))[1]?.[0], '-7');
  });

  it('guards the header too: column names come from server keys', () => {
    const rows = parseCsv(toCsv([{ '=1+1': 'x', 'a,b': 'y' }]));
    assert.deepEqual(rows[0], ["'=1+1", 'a,b']);
  });

  it('uses CRLF after every line, the last included', () => {
    const text = toCsv([{ a: 1 }, { a: 2 }]);
    assert.equal(text, 'a\r\n1\r\n2\r\n');
  });

  it('flattens nested objects to dot paths and unions columns in first-seen order', () => {
    const records = [
      { id: 1, extension: { extensionNumber: '101', name: 'Ann' } },
      { id: 2, label: 'Fax', extension: { name: 'Bob', extra: { deep: true } }, tags: ['x'] },
      { id: 3, empty: {} },
    ];
    assert.deepEqual(csvColumns(records), ['id', 'extension.extensionNumber', 'extension.name', 'label', 'extension.extra.deep', 'tags']);
    assert.deepEqual(parseCsv(toCsv(records)), [
      ['id', 'extension.extensionNumber', 'extension.name', 'label', 'extension.extra.deep', 'tags'],
      ['1', '101', 'Ann', '', '', ''],
      ['2', '', 'Bob', 'Fax', 'true', '["x"]'],
      ['3', '', '', '', '', ''],
    ]);
  });

  it('puts the preferred phone number columns first, only those present, then the rest', () => {
    const records = [
      { uri: 'u1', id: 1, phoneNumber: '+16505550100', status: 'Normal', usageType: 'DirectNumber', extension: { id: 9, name: 'Ann', extensionNumber: '101' }, byocNumber: false },
      { id: 2, phoneNumber: '+16505550101', label: 'Lobby', type: 'VoiceOnly', usageType: 'MainCompanyNumber', vanityPattern: 'ACME' },
    ];
    assert.deepEqual(csvColumns(records, PHONE_NUMBER_COLUMNS), [
      'id',
      'phoneNumber',
      'usageType',
      'type',
      'status',
      'label',
      'extension.extensionNumber',
      'extension.name',
      'uri',
      'extension.id',
      'byocNumber',
      'vanityPattern',
    ]);
  });

  it('explicit columns: missing paths give empty cells, order as asked', () => {
    const rows = parseCsv(toCsv([{ a: 1, n: { b: 2 } }], ['n.b', 'missing', 'a']));
    assert.deepEqual(rows, [
      ['n.b', 'missing', 'a'],
      ['2', '', '1'],
    ]);
  });

  it('empty input: no columns gives "", explicit columns give a header', () => {
    assert.equal(toCsv([]), '');
    assert.equal(toCsv([], ['id', 'phoneNumber']), 'id,phoneNumber\r\n');
  });

  it('csvHeader and csvRow build the same lines as toCsv (for streaming pages)', () => {
    const records = [{ id: 1, label: 'a,"b"' }, { id: 2, extension: { name: '=x' } }];
    const cols = csvColumns(records);
    const streamed = [csvHeader(cols), ...records.map((r) => csvRow(r, cols))].map((l) => `${l}\r\n`).join('');
    assert.equal(streamed, toCsv(records));
  });

  it('writes 100,000 phone numbers quickly', () => {
    const records = manyPhoneNumbers(100_000);
    const start = performance.now();
    const text = toCsv(records, csvColumns(records, PHONE_NUMBER_COLUMNS));
    const ms = performance.now() - start;
    console.log(`      toCsv(100,000 phone numbers, default columns): ${ms.toFixed(0)} ms, ${(text.length / 1e6).toFixed(1)} MB`);
    assert.equal(parseCsv(text).length, 100_001);
    assert.ok(ms < 5000, `took ${ms} ms`); // guards against O(n²), not a slow machine
  });
});

describe('JSON export', () => {
  it('is pretty JSON with two spaces that round-trips', () => {
    const records = [{ id: 1, phoneNumber: '+16505550100', extension: { name: 'Ann "A" \\ \u2028' }, tags: [1, null] }];
    const text = toJson(records);
    assert.deepEqual(JSON.parse(text), records);
    assert.match(text, /^\[\n {2}\{\n {4}"id": 1,/);
    assert.deepEqual(JSON.parse(toJson({ a: 1 })), { a: 1 });
  });

  it('shows validated records with every field in server order (and CSV takes them too)', () => {
    const wire = '[{"zz":1,"phoneNumber":"+16505550100","extension":{"name":"Ann","id":7},"id":1,"newField":{"b":2,"a":1}}]';
    const { valid } = parseRecords(JSON.parse(wire) as unknown[], PhoneNumberSchema);
    assert.equal(toJson(valid), JSON.stringify(JSON.parse(wire), null, 2));
    assert.deepEqual(parseCsv(toCsv(valid, csvColumns(valid, PHONE_NUMBER_COLUMNS)))[0], ['id', 'phoneNumber', 'extension.name', 'zz', 'extension.id', 'newField.b', 'newField.a']);
  });

  it('serialises 100,000 phone numbers quickly', () => {
    const records = manyPhoneNumbers(100_000);
    const start = performance.now();
    const text = toJson(records);
    const ms = performance.now() - start;
    console.log(`      toJson(100,000 phone numbers): ${ms.toFixed(0)} ms, ${(text.length / 1e6).toFixed(1)} MB`);
    assert.ok(ms < 5000, `took ${ms} ms`);
  });
});

describe('assertNoSecrets', () => {
  it('throws when a secret appears raw, JSON-escaped or CSV-escaped, naming no secret', () => {
    const token = 'U1BCMDFUMDRKV1MwMXxzLFSvXdw5PHMs';
    const odd = 'se"cr\\et';
    const cases = [`{"t":"${token}"}`, toJson({ v: odd }), toCsv([{ v: odd }])];
    for (const text of cases) {
      assert.throws(
        () => assertNoSecrets(text, ['', token, odd]),
        (e: unknown) => e instanceof Error && !e.message.includes(token) && !e.message.includes(odd),
      );
    }
  });

  it('passes clean text and ignores empty secrets', () => {
    assert.doesNotThrow(() => assertNoSecrets(toJson([{ id: 1 }]), ['', 'ACCESS_TOKEN']));
    assert.doesNotThrow(() => assertNoSecrets('', []));
  });
});
