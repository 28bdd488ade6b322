import assert from 'node:assert/strict';
import { toCurl, toPowerShell, type SnippetRequest } from '../../src/core/snippets';
import { curlArgv } from './curlRunner';

const HOSTILE = `it's "quoted" $(touch pwned) \`touch pwned2\` $HOME \${PATH} & ; | > x < y \\ \n newline\ttab ‘curly’ ü 日本`;

describe('cURL snippets', () => {
  it('a GET with the token as a shell variable, repeated query keys kept', () => {
    const url = 'https://platform.ringcentral.com/restapi/v1.0/account/~/phone-number?usageType=DirectNumber&usageType=MainCompanyNumber&perPage=1000';
    const snippet = toCurl({ method: 'GET', url, headers: { Accept: 'application/json' } });
    assert.equal(
      snippet,
      `curl '${url}' \\\n  -H "Authorization: Bearer $RC_ACCESS_TOKEN" \\\n  -H 'Accept: application/json'`,
    );
    assert.deepEqual(curlArgv(snippet).argv, [url, '-H', 'Authorization: Bearer tok123', '-H', 'Accept: application/json']);
  });

  it('hostile values in URL, headers and raw body reach curl verbatim and run nothing', () => {
    const url = `https://example.test/a'b?q=${HOSTILE}&x=1;y=2`;
    const snippet = toCurl({ method: 'PUT', url, headers: { 'X-Note': HOSTILE }, body: `{"v":"${HOSTILE}"}` });
    const { argv, ran } = curlArgv(snippet);
    assert.deepEqual(ran, []);
    assert.deepEqual(argv, ['-X', 'PUT', url, '-H', 'Authorization: Bearer tok123', '-H', `X-Note: ${HOSTILE}`, '--data-raw', `{"v":"${HOSTILE}"}`]);
  });

  it('form bodies become --data-urlencode fields with encoded names', () => {
    const snippet = toCurl({ method: 'POST', url: 'https://example.test/restapi/oauth/token', body: { grant_type: 'refresh_token', 'we ird&=': HOSTILE } });
    const { argv, ran } = curlArgv(snippet);
    assert.deepEqual(ran, []);
    assert.deepEqual(argv, [
      'https://example.test/restapi/oauth/token',
      '-H',
      'Authorization: Bearer tok123',
      '--data-urlencode',
      'grant_type=refresh_token',
      '--data-urlencode',
      `we%20ird%26%3D=${HOSTILE}`,
    ]);
  });

  it('states the method only when curl would not infer it, and quotes an odd one', () => {
    assert.deepEqual(curlArgv(toCurl({ method: 'delete', url: 'https://e.test/x' })).argv.slice(0, 3), ['-X', 'DELETE', 'https://e.test/x']);
    assert.deepEqual(curlArgv(toCurl({ method: 'GET', url: 'https://e.test/x', body: 'a=1' })).argv.slice(0, 2), ['-X', 'GET']);
    const odd = curlArgv(toCurl({ method: 'X;touch pwned', url: 'https://e.test/x' }));
    assert.deepEqual(odd.ran, []);
    assert.deepEqual(odd.argv.slice(0, 2), ['-X', 'X;TOUCH PWNED']);
  });

  it('embeds a live token only when asked, quoted safely', () => {
    const token = `a'b"c$(touch pwned)\`x\``;
    const { argv, ran } = curlArgv(toCurl({ method: 'GET', url: 'https://e.test/x', token: { value: token } }));
    assert.deepEqual(ran, []);
    assert.deepEqual(argv, ['https://e.test/x', '-H', `Authorization: Bearer ${token}`]);
  });
});

describe('PowerShell snippets', () => {
  it('a GET with the token from $env and the method in PowerShell casing', () => {
    const url = 'https://platform.ringcentral.com/restapi/v1.0/account/~/phone-number?usageType=DirectNumber&usageType=MainCompanyNumber';
    assert.equal(
      toPowerShell({ method: 'GET', url }),
      ['$headers = @{ Authorization = "Bearer $env:RC_ACCESS_TOKEN" }', 'Invoke-RestMethod -Method Get `', `  -Uri '${url}' \``, '  -Headers $headers'].join('\n'),
    );
  });

  it('hostile values stay inside single quotes: quotes doubled, $ and backticks literal', () => {
    const snippet = toPowerShell({
      method: 'POST',
      url: "https://e.test/a'b?x=$(calc)&y=`n",
      headers: { "X-'Note": "it's $env:SECRET `whoami` ‘curly’ ’ ‚ ‛", 'Content-Type': 'application/json', 'User-Agent': "ua'1" },
      body: '{"a":"it\'s"}\nline2',
    });
    assert.equal(
      snippet,
      [
        '$headers = @{',
        '  Authorization = "Bearer $env:RC_ACCESS_TOKEN"',
        "  'X-''Note' = 'it''s $env:SECRET `whoami` ‘‘curly’’ ’’ ‚‚ ‛‛'",
        '}',
        'Invoke-RestMethod -Method Post `',
        "  -Uri 'https://e.test/a''b?x=$(calc)&y=`n' `",
        '  -Headers $headers `',
        "  -ContentType 'application/json' `",
        "  -UserAgent 'ua''1' `",
        `  -Body '{"a":"it''s"}\nline2'`,
      ].join('\n'),
    );
  });

  it('form bodies become a $body hashtable sent as form data', () => {
    assert.equal(
      toPowerShell({ method: 'POST', url: 'https://e.test/restapi/oauth/token', body: { grant_type: 'refresh_token', "o'dd": 'v$1' } }),
      [
        '$headers = @{ Authorization = "Bearer $env:RC_ACCESS_TOKEN" }',
        '$body = @{',
        "  'grant_type' = 'refresh_token'",
        "  'o''dd' = 'v$1'",
        '}',
        'Invoke-RestMethod -Method Post `',
        "  -Uri 'https://e.test/restapi/oauth/token' `",
        '  -Headers $headers `',
        "  -ContentType 'application/x-www-form-urlencoded' `",
        '  -Body $body',
      ].join('\n'),
    );
  });

  it('uses -CustomMethod for methods outside WebRequestMethod, and embeds a live token only when asked', () => {
    assert.equal(
      toPowerShell({ method: 'PROPFIND', url: 'https://e.test/x', token: { value: "t'k$x" } }),
      ["$headers = @{ Authorization = 'Bearer t''k$x' }", "Invoke-RestMethod -CustomMethod 'PROPFIND' `", "  -Uri 'https://e.test/x' `", '  -Headers $headers'].join('\n'),
    );
  });
});

describe('snippet secrecy', () => {
  it('a planted token never appears in placeholder mode, even passed as an Authorization header', () => {
    const canary = 'CANARY-eyJhbGciOi-SECRET-7f3a';
    const requests: SnippetRequest[] = [
      { method: 'GET', url: 'https://e.test/x', headers: { Authorization: `Bearer ${canary}` } },
      { method: 'GET', url: 'https://e.test/x', headers: { authorization: `Bearer ${canary}`, Accept: 'application/json' }, token: { placeholder: true } },
      { method: 'POST', url: 'https://e.test/x', headers: { AUTHORIZATION: canary }, body: { a: '1' } },
    ];
    for (const req of requests) {
      for (const snippet of [toCurl(req), toPowerShell(req)]) {
        assert.ok(!snippet.includes(canary), snippet);
        assert.ok(snippet.includes('RC_ACCESS_TOKEN'), snippet);
      }
    }
    assert.deepEqual(curlArgv(toCurl(requests[1] as SnippetRequest)).argv, ['https://e.test/x', '-H', 'Authorization: Bearer tok123', '-H', 'Accept: application/json']);
  });
});
