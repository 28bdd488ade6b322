/**
 * What a list view says and shows, through the pure functions behind it: the message above the tree, the rate-limit
 * wait text, the grouping, and "Show more".
 */
import assert from 'node:assert/strict';
import { asOfText, listMessage, type ListMessageInput } from '../../src/ui/model/listMessage';
import { limitText, rateWaitText, secondsText, type RateWait } from '../../src/ui/model/rateWait';
import { FIRST_ROWS, groupRows, limitToShow, rowWindow, showMore, sizeOf } from '../../src/ui/views/listGroups';

const NOW = new Date(2026, 2, 3, 10, 42, 0).getTime();
const numbers = { one: 'number', many: 'numbers' };
const base: ListMessageInput = { noun: numbers, now: NOW, loading: false, total: 0, shown: 0, filter: '' };
const heavyWait: RateWait = { group: 'Heavy', limit: 10, windowSeconds: 60, reason: 'window', nextAt: NOW + 41_200 };

describe('rate-limit wait text', () => {
  it('says which group, its limit, and when the next page leaves', () => {
    assert.equal(rateWaitText(heavyWait, NOW), "waiting for RingCentral's rate limit (Heavy, 10 a minute): next page in 42 s");
    assert.equal(
      rateWaitText({ ...heavyWait, reason: 'penalty', nextAt: NOW + 90_000 }, NOW, 'request'),
      "waiting out RingCentral's rate-limit penalty (Heavy, 10 a minute): next request in 1 min 30 s",
    );
    assert.equal(rateWaitText({ ...heavyWait, nextAt: undefined }, NOW), "waiting for RingCentral's rate limit (Heavy, 10 a minute): next page shortly");
  });

  it('limits and durations read as people say them', () => {
    assert.deepEqual([limitText(10, 60), limitText(40, 60), limitText(10, 2), limitText(1000, 3600), limitText(5, 120), limitText(3, 1)], ['10 a minute', '40 a minute', '10 per 2 s', '1,000 an hour', '5 per 2 minutes', '3 a second']);
    assert.deepEqual([secondsText(0), secondsText(1), secondsText(59_001), secondsText(60_000), secondsText(125_000)], ['1 s', '1 s', '1 min', '1 min', '2 min 5 s']);
  });
});

describe('the list view message', () => {
  it('while the gate holds the next page: which page, how many so far, why and how long', () => {
    const text = listMessage({ ...base, loading: true, progress: { page: 2, totalPages: 25, loaded: 2000 }, wait: heavyWait });
    assert.equal(text, "Loading page 3 of 25 (2,000 numbers so far), waiting for RingCentral's rate limit (Heavy, 10 a minute): next page in 42 s.");
    const first = listMessage({ ...base, loading: true, progress: { page: 0, totalPages: undefined, loaded: 0 }, wait: heavyWait });
    assert.equal(first, "Loading page 1, waiting for RingCentral's rate limit (Heavy, 10 a minute): next page in 42 s.");
  });

  it('over a kept or earlier list that stays on screen, says as of when', () => {
    const data = { asOf: NOW - 3600_000, complete: true, skipped: 0 };
    const text = listMessage({ ...base, loading: true, data, progress: { page: 1, totalPages: 3, loaded: 1000 }, total: 2500 });
    assert.equal(text, `Showing numbers as of ${asOfText(NOW - 3600_000, NOW)}; loading page 2 of 3 (1,000 numbers so far)…`);
    assert.equal(listMessage({ ...base, loading: true, data, total: 2500 }), `Showing numbers as of ${asOfText(NOW - 3600_000, NOW)}; loading again…`);
  });

  it('a first load: what it loads, then page by page', () => {
    assert.equal(listMessage({ ...base, loading: true }), 'Loading numbers…');
    assert.equal(listMessage({ ...base, loading: true, progress: { page: 3, totalPages: undefined, loaded: 3000 } }), 'Loading page 4 (3,000 numbers so far)…');
    assert.equal(listMessage({ ...base, loading: true, progress: { page: 3, totalPages: 3, loaded: 2500 } }), 'Loading page 3 of 3 (2,500 numbers so far)…', 'never past the last page');
  });

  it('a failure: over older data it says so, alone it gives the hint', () => {
    const error = { message: 'RingCentral is temporarily unavailable (503).', hint: 'Try again in a minute.' };
    const data = { asOf: NOW, complete: true, skipped: 0 };
    assert.equal(listMessage({ ...base, error, data, total: 30, shown: 30 }), `Showing numbers as of ${asOfText(NOW, NOW)}. Refresh failed: ${error.message}`);
    assert.equal(listMessage({ ...base, error }), `${error.message} ${error.hint}`);
    const partial = { asOf: NOW, complete: false, skipped: 0 };
    assert.equal(listMessage({ ...base, error, data: partial, total: 2000, shown: 2000 }), `Showing the 2,000 numbers received before loading stopped: ${error.message} ${error.hint}`);
    assert.equal(listMessage({ ...base, data: partial, total: 1 }), 'Showing the 1 number received before loading stopped. Refresh to load them all.');
  });

  it('when all is loaded: skipped records, no match, an empty list, or the view’s own note', () => {
    const data = { asOf: NOW, complete: true, skipped: 0 };
    assert.equal(listMessage({ ...base, data: { ...data, skipped: 1 }, total: 5, shown: 5 }), '1 record could not be read and was skipped; see RingCentral: Show Logs.');
    assert.equal(listMessage({ ...base, data: { ...data, skipped: 3 }, total: 5, shown: 5 }), '3 records could not be read and were skipped; see RingCentral: Show Logs.');
    assert.equal(listMessage({ ...base, data, total: 5, shown: 0, filter: 'zzz' }), 'No number matches the filter.');
    assert.equal(listMessage({ ...base, data, total: 0 }), 'This account has no numbers you can see.');
    assert.equal(listMessage({ ...base, data, total: 5, shown: 5 }), undefined);
    assert.equal(listMessage({ ...base, data, total: 5, shown: 5, note: 'a note' }), 'a note');
    assert.equal(listMessage(base), undefined, 'signed out: nothing to say');
  });

  it('"as of": the time today, the date and time another day', () => {
    assert.doesNotMatch(asOfText(NOW - 60_000, NOW), /Mar/);
    assert.match(asOfText(NOW - 3 * 86_400_000, NOW), /Feb|28/);
  });
});

describe('groups and "Show more"', () => {
  it('groups rows in the given order, then alphabetically, rows in server order', () => {
    const rows = ['c1', 'a1', 'z1', 'a2', 'b1', 'c2'].map((id) => ({ id, g: id[0]! }));
    const groups = groupRows(rows, (r) => r.g, ['c', 'a'], (g) => g.toUpperCase(), 'x/');
    assert.deepEqual(groups.map((g) => [g.key, g.label, g.rows.map((r) => r.id)]), [
      ['x/c', 'C', ['c1', 'c2']],
      ['x/a', 'A', ['a1', 'a2']],
      ['x/b', 'B', ['b1']],
      ['x/z', 'Z', ['z1']],
    ]);
    assert.equal(sizeOf({ key: 'all', label: 'All', rows: [], subgroups: groups }), 6);
  });

  it('a large group shows the first rows and a "Show more" that doubles them, up to all', () => {
    assert.deepEqual(rowWindow(70_000), { shown: FIRST_ROWS, more: FIRST_ROWS });
    assert.deepEqual(rowWindow(300), { shown: 300, more: 0 }, 'a small group shows everything');
    let limit = FIRST_ROWS;
    let clicks = 0;
    while (rowWindow(70_000, limit).more > 0) {
      limit = showMore(70_000, limit);
      clicks++;
    }
    assert.equal(rowWindow(70_000, limit).shown, 70_000);
    assert.equal(clicks, 8, '70,000 rows are 8 clicks away');
    assert.deepEqual(rowWindow(1200, 1000), { shown: 1000, more: 200 }, 'the last step shows the rest');
  });

  it('reveal raises the limit just far enough to show a row', () => {
    assert.equal(limitToShow(10), FIRST_ROWS);
    assert.equal(limitToShow(FIRST_ROWS), FIRST_ROWS * 2);
    assert.equal(limitToShow(2600), FIRST_ROWS * 8);
    assert.ok(rowWindow(5000, limitToShow(4999)).shown > 4999);
  });
});
