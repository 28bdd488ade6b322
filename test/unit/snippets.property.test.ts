import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toCurl } from '../../src/core/snippets';
import { curlArgv } from './curlRunner';

/** Any text a shell variable can hold: bash strings end at NUL, so that one character cannot occur in an argument. */
const text = (maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.stringMatching(/^[$`'"\\!;&|<>(){}[\]*?~# \n\t‘’‚‛a-z]{0,20}$/),
  ).map((s) => s.replaceAll('\0', ''));
const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/).filter((n) => n.toLowerCase() !== 'authorization');

describe('cURL snippets (properties, run through bash)', () => {
  it('whatever the URL, headers and raw body hold, curl receives them verbatim and nothing else runs', () => {
    fc.assert(
      fc.property(
        text(60),
        fc.dictionary(headerName, text(30), { maxKeys: 3 }),
        fc.option(text(60), { nil: undefined }),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', "PATCH'; touch x; '"),
        (url, headers, body, method) => {
          const { argv, ran } = curlArgv(toCurl({ method, url, headers, ...(body === undefined ? {} : { body }) }));
          assert.deepEqual(ran, [], 'the snippet created no file');
          const implied = body === undefined ? 'GET' : 'POST';
          const expected = [
            // Methods are sent upper-cased, as HTTP spells them.
            ...(method.toUpperCase() === implied ? [] : ['-X', method.toUpperCase()]),
            url,
            '-H',
            'Authorization: Bearer tok123',
            ...Object.entries(headers).flatMap(([n, v]) => ['-H', `${n}: ${v}`]),
            ...(body === undefined ? [] : ['--data-raw', body]),
          ];
          assert.deepEqual(argv, expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('form fields arrive as --data-urlencode name=value with the name encoded and the value verbatim', () => {
    fc.assert(
      fc.property(fc.dictionary(text(12).filter((n) => n !== ''), text(30), { minKeys: 1, maxKeys: 3 }), (form) => {
        const { argv } = curlArgv(toCurl({ method: 'POST', url: 'https://e.test/restapi/oauth/token', body: form }));
        const fields = argv.flatMap((a, i) => (argv[i - 1] === '--data-urlencode' ? [a] : []));
        assert.deepEqual(fields, Object.entries(form).map(([n, v]) => `${encodeURIComponent(n)}=${v}`));
      }),
      { numRuns: 40 },
    );
  });
});
