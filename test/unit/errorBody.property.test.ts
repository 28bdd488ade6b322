import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { RingCentralError } from '../../src/core/errors';
import { errorFromResponse } from '../../src/core/http/errorMapping';
import { parseBody } from '../../src/core/http/readBody';
import { readErrorBody } from '../../src/core/schemas/errorBody';

const FIXTURES = path.resolve(__dirname, '../../../../shared/ringcentral/fixtures');
/** Real error bodies (fixtures/SOURCES.md says where each came from), plus the CMN-401 body of ringcentral-embeddable#591. */
const BODIES: unknown[] = [
  'oauth-error-400-invalid_grant-OAU-211.widgets-mock.json',
  'oauth-error-400-unauthorized_client-OAU-251.stackoverflow.json',
  'oauth-error-503.widgets-mock.json',
  'rest-error-429-CMN-301.community.json',
  'rest-error-envelope.api-docs.json',
].map((name) => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as unknown);
BODIES.push({
  errorCode: 'InsufficientPermissions',
  message: 'In order to call this API endpoint, application needs to have [Meetings] permission',
  errors: [{ errorCode: 'CMN-401', message: 'In order to call this API endpoint, application needs to have [Meetings] permission', permissionName: 'Meetings' }],
  permissionName: 'Meetings',
});

/** How VS Code finds links in a notification (src/vs/base/common/linkedText.ts). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

/** Server text at its worst: links VS Code would render, control characters, very long runs, odd Unicode. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom('[Fix](command:workbench.action.openSettings)', '[x](https://evil.test)', '[y](file:///etc/passwd)', '\u0000\u202e\n\r', 'x'.repeat(10_000)),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? ''),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(hostileText, fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));

/** Replaces the value at a random place of `value` (any depth) with `replacement`, or deletes it. */
function mutate(value: unknown, picks: readonly number[], replacement: unknown, remove: boolean): unknown {
  if (picks.length === 0 || value === null || typeof value !== 'object') return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return replacement;
  const key = keys[picks[0]! % keys.length]!;
  const rec = copy as Record<string, unknown>;
  if (picks.length === 1 && remove) delete rec[key];
  else rec[key] = mutate(rec[key], picks.slice(1), replacement, remove);
  return copy;
}

/** A real body mutated: a value replaced or deleted somewhere, then the text cut or spliced as a broken gateway might. */
const mutatedBody = fc
  .record({
    body: fc.constantFrom(...BODIES),
    picks: fc.array(fc.nat(), { maxLength: 4 }),
    replacement: anyValue,
    remove: fc.boolean(),
    cut: fc.option(fc.nat(), { nil: undefined }),
    splice: fc.option(fc.tuple(fc.nat(), hostileText), { nil: undefined }),
  })
  .map(({ body, picks, replacement, remove, cut, splice }) => {
    let text = JSON.stringify(mutate(body, picks, replacement, remove)) ?? '';
    if (splice) text = text.slice(0, splice[0] % (text.length + 1)) + splice[1] + text.slice(splice[0] % (text.length + 1));
    if (cut !== undefined) text = text.slice(0, cut % (text.length + 1));
    return text;
  });

describe('error bodies (properties, on mutated real bodies)', () => {
  it('any mutation of a real body gives a typed error with a hint, short, one line, with no live link', () => {
    fc.assert(
      fc.property(mutatedBody, fc.integer({ min: 400, max: 599 }), fc.constantFrom('application/json', 'text/html', null), (text, status, contentType) => {
        const e = errorFromResponse(status, parseBody(text, contentType), { method: 'GET', path: '/restapi/v1.0/account/~', limits: { status }, group: 'Light' });
        assert.ok(e instanceof RingCentralError);
        assert.equal(e.kind, 'http');
        assert.equal(e.status, status);
        assert.ok(e.hint.length > 20, e.hint);
        for (const shown of [e.message, e.hint]) {
          assert.doesNotMatch(shown, VSCODE_LINK);
          // eslint-disable-next-line no-control-regex -- control characters are what must not be there
          assert.doesNotMatch(shown, /[\u0000-\u001f]/);
        }
        assert.ok(e.message.length < 600, `message of ${e.message.length} characters`);
      }),
      { numRuns: 1500 },
    );
  });

  it('readErrorBody accepts anything at all without throwing', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }), (value) => {
        const summary = readErrorBody(value);
        for (const v of Object.values(summary)) assert.ok(v !== undefined);
      }),
      { numRuns: 1000 },
    );
  });
});
