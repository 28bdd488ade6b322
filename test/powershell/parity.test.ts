import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { adviceFor, adviceTables, permissionAdvice } from '../../src/core/errorHints';
import { groupForRequest } from '../../src/core/rateLimit/groups';
import { readErrorBody } from '../../src/core/schemas/errorBody';
import { psString } from '../../src/core/scripts/psLiteral';
import { SCRIPT_TARGETS } from '../../src/core/scripts/targets';
import type { Emulator } from '../emulator/api';
import { oauth, rest } from '../emulator/errors';
import { startEmulator } from '../emulator/server';
import { generate, ROOT, runCommand, Scratch, writeScript } from './support';

/**
 * The generated script's own logic, called function by function under pwsh (the script dot-sourced, so its main
 * part does not run), against what the extension's TypeScript does with the same input. Also: the script parses
 * cleanly in PowerShell's own parser, and what it may use is limited to what Windows PowerShell 5.1 has.
 */

const FIXTURES = path.resolve(ROOT, '../shared/ringcentral/fixtures');

interface HintCase {
  code: string;
  status: number;
  oauthError: string;
  permission: string;
}

/** Runs `body` after dot-sourcing a generated script; `input` arrives as $in, `$out` goes back as JSON. */
async function withScript<T>(scratch: Scratch, input: unknown, body: string, server = 'https://platform.ringcentral.com'): Promise<T> {
  const file = writeScript(scratch, generate({ server, target: 'phoneNumbers' }));
  const inFile = scratch.file('in.json');
  const outFile = scratch.file('out.json');
  writeFileSync(inFile, JSON.stringify(input));
  const run = await runCommand(
    scratch,
    `. '${file}'; $in = Get-Content -Raw -LiteralPath '${inFile}' | ConvertFrom-Json; ${body}; ConvertTo-Json -InputObject $out -Depth 20 -Compress | Set-Content -LiteralPath '${outFile}' -Encoding utf8NoBOM`,
  );
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  return JSON.parse(readFileSync(outFile, 'utf8')) as T;
}

describe('the generated script agrees with the extension (pwsh)', function () {
  this.timeout(120_000);
  let scratch: Scratch;
  before(() => (scratch = new Scratch()));
  after(() => scratch.dispose());

  it('every hint: each code, OAuth error, status and permission gives the same advice as the extension', async () => {
    const t = adviceTables();
    const cases: HintCase[] = [];
    const add = (code: string, status: number, oauthError = '', permission = ''): void => void cases.push({ code, status, oauthError, permission });
    for (const code of Object.keys(t.byCode)) add(code, 400);
    for (const error of Object.keys(t.byOAuthError)) {
      add(error, 400);
      add('OAU-999', 400, error);
    }
    for (let status = 100; status < 600; status++) add('', status);
    for (const code of Object.keys(t.permission)) {
      add(code, 403, '', 'ReadCompanyPhoneNumbers');
      add(code, 403, '', 'Read Accounts; rm -rf'); // not an identifier: the plain code's advice
    }
    add('CMN-408', 403, '', '');
    add('oau-109', 403); // codes are case-sensitive, as in TypeScript
    add('INVALID_GRANT', 400);
    add('NOT-A-CODE', 0);
    add('', 0);
    const expected = cases.map((c) => (permissionAdvice(c.code || undefined, c.permission || undefined) ?? adviceFor(c.code || undefined, c.status || undefined, c.oauthError || undefined)).hint);
    const got = await withScript<string[]>(
      scratch,
      cases,
      '$out = @(foreach ($c in $in) { Get-RcHint -Code $c.code -Status $c.status -OAuthError $c.oauthError -Permission $c.permission })',
    );
    assert.equal(got.length, cases.length);
    cases.forEach((c, i) => assert.equal(got[i], expected[i], JSON.stringify(c)));
    assert.ok(expected.some((h) => /[^\x20-\x7e]/.test(h)), 'the table has non-ASCII text, and it arrives intact');
  });

  it('error bodies: RingCentral fixtures, every emulator error and odd bodies give the extension\'s code, message and hint', async () => {
    const bodies: { status: number; text: string; from: string }[] = [];
    if (existsSync(FIXTURES)) {
      for (const name of readdirSync(FIXTURES).filter((n) => /error/.test(n) && n.endsWith('.json'))) {
        const status = Number(/-(\d{3})[-.]/.exec(name)?.[1] ?? 400);
        bodies.push({ status, text: readFileSync(path.join(FIXTURES, name), 'utf8'), from: name });
      }
    }
    // Every error body the emulator can send (test/emulator/errors.ts), with plausible arguments.
    const replies = [
      ...Object.entries(oauth).map(([k, make]) => [`oauth.${k}`, k === 'redirectMismatch' ? oauth.redirectMismatch(403) : (make as (a: string) => { status: number; body: unknown })('grant_type')] as const),
      ...Object.entries(rest).map(([k, make]) => [`rest.${k}`, k === 'unavailable' ? rest.unavailable(503) : (make as (a: string, b: string) => { status: number; body: unknown })('ReadCompanyPhoneNumbers', 'v')] as const),
    ];
    for (const [from, reply] of replies) bodies.push({ status: reply.status, text: JSON.stringify(reply.body), from });
    const odd: [number, unknown][] = [
      [403, { errorCode: 'CMN-408', message: 'no', errors: [{ errorCode: 'CMN-408', message: 'In order to call this API endpoint, user needs to have [ReadCompanyPhoneNumbers] permission', permissionName: 'ReadCompanyPhoneNumbers' }] }],
      [403, { errorCode: 'CMN-419', errors: [{ errorCode: 'CMN-419', message: 'x', permissionsName: 'ReadExtensions' }] }],
      [403, { errors: [{ errorCode: 'CMN-401', parameters: [{ parameterName: 'permissionName', parameterValue: 'ReadAccounts' }] }] }],
      [403, { errors: [{ errorCode: 'CMN-401', parameterName: 'permissionName', parameterValue: 'EditAccounts' }] }],
      [401, { errorCode: 'TokenInvalid', message: 'Access token expired', errors: [{ errorCode: 'OAU-128', message: 'Access token expired' }] }],
      [400, { error: 'invalid_grant', error_description: 'Authorization code is expired', errors: [{ errorCode: 'OAU-108', message: 'expired' }] }],
      [502, { errorCode: 502, message: '  ' }],
      [400, { errors: ['not an object', { errorCode: '  ', message: 'second' }] }],
      [503, ['an', 'array']],
      [500, null],
    ];
    for (const [status, body] of odd) bodies.push({ status, text: JSON.stringify(body), from: JSON.stringify(body).slice(0, 60) });
    bodies.push({ status: 502, text: '<html><body>Bad Gateway</body></html>', from: 'html' }, { status: 200, text: '', from: 'empty' }, { status: 400, text: '{"errorCode":', from: 'truncated' });

    const got = await withScript<{ code: string; message: string; hint: string }[]>(
      scratch,
      bodies,
      '$out = @(foreach ($b in $in) { $d = Read-RcErrorBody $b.text; [pscustomobject] @{ code = $d.Code; message = $d.Message; hint = (Get-RcHint -Code $d.Code -Status $b.status -OAuthError $d.OAuthError -Permission $d.Permission) } })',
    );
    assert.ok(bodies.length >= 40, `${bodies.length} bodies`);
    bodies.forEach((b, i) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(b.text);
      } catch {
        parsed = b.text;
      }
      const d = readErrorBody(parsed);
      const hint = (permissionAdvice(d.code, d.permission) ?? adviceFor(d.code, b.status, d.oauthError)).hint;
      assert.deepEqual(got[i], { code: d.code ?? '', message: d.message ?? '', hint }, b.from);
    });
  });

  it('rate groups: the script predicts the group the extension predicts, for every path shape', async () => {
    const cases: [string, string][] = [];
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      for (const p of [
        '/restapi/oauth/token',
        '/restapi/oauth/revoke',
        '/restapi/v1.0/account/~',
        '/restapi/v1.0/account/~/phone-number',
        '/restapi/v1.0/account/123/phone-number/',
        '/restapi/v1.0/account/~/phone-number/42',
        '/restapi/v1.0/account/~/extension',
        '/restapi/v1.0/account/~/extension/~',
        '/restapi/v1.0/account/~/extension/~/phone-number',
        '/restapi/v1.0/account/~/EXTENSION',
        '/restapi/v2/accounts/~/phone-numbers',
        '/restapi/v1.0/dictionary/country',
      ]) {
        cases.push([method, p]);
      }
    }
    const got = await withScript<string[]>(scratch, cases, '$out = @(foreach ($c in $in) { Get-RcRateGroup $c[0] $c[1] })');
    assert.deepEqual(got, cases.map(([m, p]) => groupForRequest(m, p).toLowerCase()));
  });

  it('literals: any text, quotes, typographic quotes and non-ASCII included, reads back unchanged from a pure-ASCII script', async () => {
    const texts = ["plain", "it's", 'say “hi” ‘there’ ‚low‛', '$(Remove-Item x) `n ${env:PATH} @args', 'tab\there\nnew line', '→ … – — ü 日本 🎉', '', "''"];
    const file = scratch.file('literals.ps1');
    const source = `$out = @(${texts.map(psString).join(', ')})\nConvertTo-Json -InputObject $out -Compress`;
    assert.match(source, /^[\n\x20-\x7e]*$/, 'ASCII only');
    writeFileSync(file, source);
    const run = await runCommand(scratch, `& '${file}'`);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), texts);
  });

  describe('HTTP failures in both shapes', () => {
    let emu: Emulator;
    before(async () => {
      emu = await startEmulator({ phoneNumbers: 5 });
    });
    after(() => emu.close());

    it('Windows PowerShell 5.1 (WebException with an HttpWebResponse) and PowerShell 7 (HttpResponseException) read the same status, body and headers', async () => {
      emu.inject({ kind: 'status', status: 429, retryAfter: 17, headers: { 'X-Rate-Limit-Group': 'heavy', 'X-Rate-Limit-Remaining': '0' }, path: '/restapi/v1.0/account/~/phone-number', times: 2 });
      const url = `${emu.url}/restapi/v1.0/account/~/phone-number`;
      // HttpWebRequest throws the WebException shape Windows PowerShell 5.1's Invoke-WebRequest throws (and, as
      // there, no ErrorDetails: the body must come from the response stream).
      const got = await withScript<{ status: number; text: string; retryAfter: string; group: string; remaining: string; message: string }[]>(
        scratch,
        url,
        [
          '$shapes = @()',
          'try { [void] ([System.Net.HttpWebRequest]::Create($in)).GetResponse() } catch { $shapes += $_.Exception.InnerException }',
          'try { Invoke-WebRequest -Uri $in -UseBasicParsing -ErrorAction Stop } catch { $shapes += $_ }',
          '$out = @(foreach ($s in $shapes) {',
          '  if ($s -is [System.Net.WebException]) { $record = New-Object System.Management.Automation.ErrorRecord -ArgumentList @($s, "WebCmdletWebResponseException", "InvalidOperation", $null) } else { $record = $s }',
          '  $f = Read-RcHttpFailure $record',
          '  [pscustomobject] @{ status = $f.Status; text = $f.Text; retryAfter = $f.Headers["Retry-After"]; group = $f.Headers["X-Rate-Limit-Group"]; remaining = $f.Headers["x-rate-limit-remaining"]; message = (New-RcHttpError $f "GET /x").Message; shape = $record.Exception.GetType().Name }',
          '})',
        ].join('\n'),
      );
      assert.equal(got.length, 2);
      const body = JSON.stringify(rest.rateLimited().body);
      for (const g of got) {
        // PowerShell 7 hands the body over re-indented; the JSON is the same.
        assert.deepEqual(
          { status: g.status, body: JSON.parse(g.text) as unknown, retryAfter: g.retryAfter, group: g.group, remaining: g.remaining, message: g.message },
          { status: 429, body: JSON.parse(body) as unknown, retryAfter: '17', group: 'heavy', remaining: '0', message: 'RingCentral refused GET /x: Request rate exceeded (CMN-301).' },
          JSON.stringify(g),
        );
      }
      assert.deepEqual(got.map((g) => (g as unknown as { shape: string }).shape), ['WebException', 'HttpResponseException']);
    });

    it('no answer at all: both shapes say why (connection refused), and neither looks like an HTTP answer', async () => {
      const got = await withScript<{ failure: unknown; reason: string }[]>(
        scratch,
        'http://127.0.0.1:9/restapi/v1.0/account/~',
        [
          '$shapes = @()',
          'try { [void] ([System.Net.HttpWebRequest]::Create($in)).GetResponse() } catch { $shapes += New-Object System.Management.Automation.ErrorRecord -ArgumentList @($_.Exception.InnerException, "x", "ConnectionError", $null) }',
          'try { Invoke-WebRequest -Uri $in -UseBasicParsing -ErrorAction Stop } catch { $shapes += $_ }',
          '$out = @(foreach ($s in $shapes) { [pscustomobject] @{ failure = (Read-RcHttpFailure $s); reason = (Get-RcNetworkReason $s.Exception 60) } })',
        ].join('\n'),
      );
      assert.deepEqual(got, [
        { failure: null, reason: 'connection refused' },
        { failure: null, reason: 'connection refused' },
      ]);
    });
  });

  it('every generated script parses cleanly and uses nothing Windows PowerShell 5.1 lacks (PowerShell\'s own parser)', async () => {
    const files = SCRIPT_TARGETS.map((t) => writeScript(scratch, generate({ server: 'https://platform.ringcentral.com', target: t.id, path: '/restapi/v1.0/account/~/call-log?view=Simple' }), `${t.id}.ps1`));
    const checker = path.join(ROOT, 'test/powershell/check51.ps1');
    const run = await runCommand(scratch, `& '${checker}' ${files.map((f) => `'${f}'`).join(' ')}`);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(run.stdout) as Check51Report[];
    assert.equal(report.length, files.length);
    for (const r of report) {
      assert.deepEqual(r.problems, [], `${r.file}: 7-only syntax or parse errors`);
      for (const { command, parameters } of r.parameters) {
        const allowed = WINDOWS_POWERSHELL_51[command];
        assert.ok(allowed, `${r.file}: ${command} is not on the list of Windows PowerShell 5.1 commands the scripts may use`);
        for (const p of parameters) assert.ok(allowed.includes(p), `${r.file}: ${command} -${p} is not a Windows PowerShell 5.1 parameter on the list`);
      }
      for (const { command, keys } of r.splats) {
        const allowed = [...(WINDOWS_POWERSHELL_51[command] ?? []), ...(GUARDED[command] ?? [])];
        for (const k of keys) assert.ok(allowed.includes(k), `${r.file}: ${command} @splat key ${k} is not a Windows PowerShell 5.1 parameter on the list`);
      }
      for (const t of r.types) assert.ok(NET_FRAMEWORK_TYPES.includes(t), `${r.file}: type [${t}] is not on the list of types Windows PowerShell 5.1 (.NET Framework 4.5+) has`);
      for (const k of r.keys) assert.ok(!SEVEN_ONLY_PARAMETERS.includes(k), `${r.file}: hashtable key ${k} names a PowerShell 7-only parameter`);
      assert.ok(r.commands.includes('Invoke-WebRequest'), 'the checker saw the commands');
    }
  });
});

interface Check51Report {
  file: string;
  problems: string[];
  commands: string[];
  parameters: { command: string; parameters: string[] }[];
  splats: { command: string; variable: string; keys: string[] }[];
  types: string[];
  keys: string[];
}

const COMMON = ['ErrorAction', 'Verbose', 'WarningAction'];

/**
 * The commands a generated script may call, each with the parameters it may pass: all present in Windows
 * PowerShell 5.1 (docs.microsoft.com, PowerShell 5.1 reference of each cmdlet). A new command or parameter must be
 * checked against 5.1 before it is added here.
 */
const WINDOWS_POWERSHELL_51: Record<string, readonly string[]> = {
  'Invoke-WebRequest': ['Method', 'Uri', 'Headers', 'Body', 'ContentType', 'UseBasicParsing', 'TimeoutSec', 'Proxy', 'ProxyUseDefaultCredentials', ...COMMON],
  'Get-Secret': ['Name', 'Vault', 'AsPlainText', ...COMMON], // Microsoft.PowerShell.SecretManagement, which supports 5.1
  'Get-Command': ['Name', ...COMMON],
  'ConvertFrom-Json': ['InputObject', ...COMMON], // -Depth, -AsHashtable, -NoEnumerate are 6+/7+
  'ConvertTo-Json': ['InputObject', 'Compress', 'Depth', ...COMMON], // -EnumsAsStrings, -AsArray, -EscapeHandling are 6+/7+
  'Start-Sleep': ['Seconds', 'Milliseconds'],
  'Write-Verbose': [],
  'Write-Warning': [],
  'Where-Object': [],
  'Select-Object': ['First'],
  'ForEach-Object': [], // -Parallel is 7+
  'Add-Member': ['NotePropertyName', 'NotePropertyValue', 'PassThru'],
  'New-Object': ['TypeName', 'ArgumentList'],
  'Get-Date': [],
};

/** Parameters used only after checking the running PowerShell has them. */
const GUARDED: Record<string, readonly string[]> = {
  'ConvertFrom-Json': ['DateKind'], // 7.5+: (Get-Command ConvertFrom-Json).Parameters.ContainsKey('DateKind') first
};

/** Types in .NET Framework 4.5+ (what Windows PowerShell 5.1 runs on) and PowerShell 5.1's type accelerators. */
const NET_FRAMEWORK_TYPES: readonly string[] = [
  'char', 'CmdletBinding', 'Convert', 'DateTime', 'decimal', 'double', 'Environment', 'hashtable', 'int', 'long', 'Math',
  'Net.SecurityProtocolType', 'Net.ServicePointManager', 'ordered', 'Parameter', 'pscustomobject', 'ref', 'string', 'string[]',
  'StringComparer', 'switch', 'System.Array', 'System.Collections.ArrayList', 'System.Collections.Generic.Dictionary[int,string]',
  'System.Collections.Generic.Dictionary[string,string[]]', 'System.Collections.Generic.Dictionary[string,string]',
  'System.Collections.Generic.HashSet[string]', 'System.Collections.Generic.List[string]', 'System.Collections.IDictionary',
  'System.Exception', 'System.IO.IOException', 'System.IO.StreamReader', 'System.Management.Automation.PipelineStoppedException',
  'System.Management.Automation.PSCustomObject', 'System.Net.HttpWebResponse', 'System.Net.NetworkCredential',
  'System.Net.Sockets.SocketException', 'System.Net.WebException', 'System.Net.WebHeaderCollection',
  'System.Security.Authentication.AuthenticationException', 'System.Security.SecureString', 'System.Text.Encoding',
  'System.Threading.Tasks.TaskCanceledException', 'System.TimeoutException', 'Uri', 'uri', 'UriKind', 'UriPartial', 'ValidateRange', 'void',
];

/** PowerShell 6/7-only parameters of the web and JSON cmdlets (the issue's list first). */
const SEVEN_ONLY_PARAMETERS: readonly string[] = [
  'SkipHttpErrorCheck', 'ResponseHeadersVariable', 'StatusCodeVariable', 'SkipCertificateCheck', 'Authentication', 'Token',
  'AllowUnencryptedAuthentication', 'SkipHeaderValidation', 'SslProtocol', 'MaximumRetryCount', 'RetryIntervalSec', 'Resume',
  'FollowRelLink', 'HttpVersion', 'Form', 'NoProxy', 'PreserveAuthorizationOnRedirect', 'AsHashtable', 'NoEnumerate', 'Parallel',
];
