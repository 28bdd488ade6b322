import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvColumns, toCsv } from '../../src/core/export/csv';
import { parseCsv } from './csvReader';

/** What spreadsheets evaluate as a formula when a cell starts with it (OWASP's CSV injection list, full-width forms too). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** Constants that start like a formula but are not one: signed numbers, E.164 phone numbers. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A `;`-separated list of E.164 numbers, the users-with-numbers column: digits, `+` and `;` only, so no formula. */
const NUMBER_LIST = /^\+\d{1,15}(?:;\+\d{1,15})+$/;
const constant = (text: string): boolean => PLAIN_NUMBER.test(text) || NUMBER_LIST.test(text);

/** Text that exercises every special character of CSV and of spreadsheets, mixed with anything else. */
const cellText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.stringMatching(/^[=+\-@\t\r\n",'"\uFF1D a1.]{0,12}$/),
  fc.stringMatching(/^[+-]?\d{1,12}(\.\d{0,3})?$/),
  // number lists, and near misses that must still be guarded: `+1;=cmd`, `+1;;+2`, `+1;+2;`
  fc.stringMatching(/^\+\d{1,4}(;[+=]?\d{0,4}){1,3};?$/),
);
const scalar = fc.oneof(cellText, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
/** Keys without dots: a dot means nesting in a column path, tested on its own below. */
const key = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((k) => !k.includes('.') && k !== '__proto__');
const flatRecord = fc.dictionary(key, scalar, { maxKeys: 6 });

/** A record's own field: `constructor` or `toString` of a record that lacks them are empty cells, not Object's. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function expectedText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

describe('CSV export (properties)', () => {
  it('parses back, through a strict RFC 4180 reader, to the values written (formula guard aside)', () => {
    fc.assert(
      fc.property(fc.array(flatRecord, { maxLength: 8 }), (records) => {
        const columns = csvColumns(records);
        const text = toCsv(records, columns);
        if (columns.length === 0) return text === '';
        const rows = parseCsv(text);
        assert.equal(rows.length, records.length + 1);
        const cells = [...rows.entries()].flatMap(([r, row]) => {
          assert.equal(row.length, columns.length, `row ${r} has every column`);
          return row.map((cell, c) => ({ cell, original: r === 0 ? columns[c]! : expectedText(own(records[r - 1]!, columns[c]!)) }));
        });
        for (const { cell, original } of cells) {
          const guarded = FORMULA_START.test(original) && !constant(original);
          assert.equal(cell, guarded ? `'${original}` : original);
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('no cell a spreadsheet reads starts a formula, unless it is a plain number', () => {
    fc.assert(
      fc.property(fc.array(flatRecord, { minLength: 1, maxLength: 5 }), (records) => {
        const text = toCsv(records);
        for (const row of text === '' ? [] : parseCsv(text)) {
          for (const cell of row) assert.ok(!FORMULA_START.test(cell) || constant(cell), JSON.stringify(cell));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('any JSON records, nested or odd, give a rectangular CSV and never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }), { maxLength: 5 }), (records) => {
        const text = toCsv(records);
        if (text === '') return;
        const rows = parseCsv(text);
        assert.equal(rows.length, records.length + 1);
        for (const row of rows) assert.equal(row.length, rows[0]!.length);
      }),
      { numRuns: 200 },
    );
  });
});
