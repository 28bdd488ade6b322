import assert from 'node:assert/strict';
import { adviceTables } from '../../src/core/errorHints';
import { RingCentralError } from '../../src/core/errors';
import { CREDENTIAL_NAMES, powerShellScript } from '../../src/core/scripts/powerShellScript';
import { psString } from '../../src/core/scripts/psLiteral';
import { SCRIPT_TARGETS, type ScriptTargetId } from '../../src/core/scripts/targets';

/**
 * Static checks of every generated script, no PowerShell needed (test/powershell/ runs the scripts under pwsh).
 * The Windows PowerShell 5.1 rule from issue 9: none of ?? ?. ternaries && || -SkipHttpErrorCheck
 * -ResponseHeadersVariable -StatusCodeVariable, outside strings and comments.
 */

/** The code of a PowerShell script with comments and string contents blanked out (quotes kept as markers). */
export function codeOnly(source: string): string {
  let out = '';
  let i = 0;
  const s = source;
  while (i < s.length) {
    const two = s.slice(i, i + 2);
    if (two === '<#') {
      const end = s.indexOf('#>', i + 2);
      i = end < 0 ? s.length : end + 2;
      out += ' ';
    } else if (s[i] === '#') {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (two === "@'" || two === '@"') {
      const close = `\n${two[1]}@`;
      const end = s.indexOf(close, i + 2);
      i = end < 0 ? s.length : end + close.length;
      out += '@""@';
    } else if (s[i] === "'") {
      i++;
      for (;;) {
        if (i >= s.length) break;
        if (s[i] === "'" && s[i + 1] === "'") i += 2;
        else if (s[i] === "'") {
          i++;
          break;
        } else i++;
      }
      out += "''";
    } else if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) break;
        if (s[i] === '`') i += 2;
        else if (s[i] === '"' && s[i + 1] === '"') i += 2;
        else if (s[i] === '"') {
          i++;
          break;
        } else i++;
      }
      out += '""';
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
}

/** What Windows PowerShell 5.1 cannot run, found in the code of a script. */
export function powerShell7Only(source: string): string[] {
  const code = codeOnly(source);
  const found: string[] = [];
  if (code.includes('??')) found.push('??');
  if (code.includes('?.')) found.push('?.');
  if (code.includes('?[')) found.push('?[');
  // A ternary's `?` (and Where-Object's `?` alias, which a readable script does not use either).
  if (/\?/.test(code.replaceAll('??', '').replaceAll('?.', '').replaceAll('?[', ''))) found.push('? (ternary)');
  if (code.includes('&&')) found.push('&&');
  if (code.includes('||')) found.push('||');
  for (const name of ['SkipHttpErrorCheck', 'ResponseHeadersVariable', 'StatusCodeVariable']) {
    if (new RegExp(`\\b${name}\\b`, 'i').test(code)) found.push(name);
  }
  return found;
}

const SERVER = 'https://platform.ringcentral.com';
function scriptFor(target: ScriptTargetId, server = SERVER): string {
  return powerShellScript({ server, target, path: '/restapi/v1.0/account/~/extension/~/call-log?view=Simple', generator: 'RingCentral Explorer 9.9.9' });
}

describe('generated PowerShell scripts (static)', () => {
  describe('the 5.1 check itself', () => {
    const bad: [string, string][] = [
      ['$a = $b ?? $c', '??'],
      ['$a ??= 1', '??'],
      ['$x?.Name', '?.'],
      ['${x}?[0]', '?['],
      ['$y = $c ? 1 : 2', '? (ternary)'],
      ['Get-Item x | ? { $_ }', '? (ternary)'],
      ['git pull && git push', '&&'],
      ['a || b', '||'],
      ['Invoke-WebRequest -Uri $u -SkipHttpErrorCheck', 'SkipHttpErrorCheck'],
      ['Invoke-RestMethod $u -responseheadersvariable h', 'ResponseHeadersVariable'],
      ['$p = @{ StatusCodeVariable = "s" }', 'StatusCodeVariable'],
    ];
    for (const [code, what] of bad) it(`finds ${what} in: ${code}`, () => assert.ok(powerShell7Only(code).includes(what), JSON.stringify(powerShell7Only(code))));

    const fine = [
      "'a ?? b && c || d ?. e ? f'",
      '"a ?? b $($x) `" && c"',
      '# $a ?? $b && c',
      '<# ternary $a ? 1 : 2\n || #>',
      "@'\n?? && ||\n'@",
      "'it''s ?? fine'",
      '$a -and $b -or $c',
      "Write-Host 'SkipHttpErrorCheck is a 7-only parameter'",
    ];
    for (const code of fine) it(`leaves alone: ${JSON.stringify(code)}`, () => assert.deepEqual(powerShell7Only(code), []));
  });

  for (const { id } of SCRIPT_TARGETS) {
    describe(`target ${id}`, () => {
      const text = scriptFor(id);

      it('has no PowerShell 7-only syntax or parameters', () => {
        assert.deepEqual(powerShell7Only(text), []);
      });

      it('is pure ASCII, so Windows PowerShell 5.1 reads it right from a file saved without a BOM', () => {
        const bad = [...text].map((ch, i) => [ch, i] as const).filter(([ch]) => !/^[\n\x20-\x7e]$/.test(ch));
        assert.deepEqual(bad.slice(0, 5), []);
      });

      it('declares 5.1, takes the extension\'s server as the -Server default and names where the credentials come from', () => {
        assert.ok(text.startsWith('#Requires -Version 5.1\n<#\n.SYNOPSIS\n'));
        assert.ok(text.includes(`[string] $Server = '${SERVER}',`));
        for (const { secret, env } of Object.values(CREDENTIAL_NAMES)) {
          assert.ok(text.includes(`'${secret}'`) && text.includes(`'${env}'`), `${secret} / ${env} in the lookup table`);
          assert.ok(text.includes(`Set-Secret -Name ${secret}`), `${secret} in the notes`);
        }
        assert.ok(text.includes('Written by RingCentral Explorer 9.9.9 for https://platform.ringcentral.com.'));
      });

      it('carries every hint of the extension\'s table, word for word', () => {
        const t = adviceTables();
        for (const [code, a] of Object.entries(t.byCode)) assert.ok(text.includes(`$RcHintCodes[${psString(code)}] = ${psString(a.hint)}\n`), code);
        for (const [error, a] of Object.entries(t.byOAuthError)) assert.ok(text.includes(`$RcHintOAuthErrors[${psString(error)}] = ${psString(a.hint)}\n`), error);
        for (const [status, a] of Object.entries(t.byStatus)) assert.ok(text.includes(`$RcHintStatuses[${status}] = ${psString(a.hint)}\n`), status);
        for (const [code, make] of Object.entries(t.permission)) {
          const parts = make('\u0000').hint.split('\u0000');
          assert.ok(text.includes(`$RcHintPermission[${psString(code)}] = [string[]] @(${parts.map(psString).join(', ')})\n`), code);
        }
        assert.ok(text.includes(`$RcHintFallback = ${psString(t.fallback.hint)}\n`));
        const entries = text.match(/^\$RcHint(Codes|OAuthErrors|Statuses|Permission)\[/gm) ?? [];
        assert.equal(entries.length, Object.keys(t.byCode).length + Object.keys(t.byOAuthError).length + Object.keys(t.byStatus).length + Object.keys(t.permission).length, 'nothing else in the table');
      });

      it('revokes in `finally`, and its main part is skipped when dot-sourced', () => {
        assert.match(text, /\n\s+\} finally \{\n\s+Disconnect-RcSession\n\s+\}\n/);
        assert.match(text, /if \(\$MyInvocation\.InvocationName -ne '\.'\) \{/);
      });
    });
  }

  it('each target fetches what it says, with perPage=1000 on lists', () => {
    assert.match(scriptFor('account'), /Invoke-RcGet -Uri \(\$script:Rc\.Server \+ '\/restapi\/v1\.0\/account\/~'\) \| Write-RcRows/);
    assert.match(scriptFor('phoneNumbers'), /Get-RcList -PathAndQuery '\/restapi\/v1\.0\/account\/~\/phone-number\?perPage=1000' \| Write-RcRows -Preferred @\('id', 'phoneNumber'/);
    assert.match(scriptFor('users'), /Get-RcList -PathAndQuery '\/restapi\/v1\.0\/account\/~\/extension\?type=User&perPage=1000'/);
    const joined = scriptFor('usersWithNumbers');
    assert.match(joined, /'\/restapi\/v1\.0\/account\/~\/phone-number\?usageType=DirectNumber&perPage=1000'/);
    assert.match(joined, /Set-ADUser -Identity \$account -OfficePhone \$_\.PhoneNumber -WhatIf/, 'the commented directory-update example');
    assert.match(scriptFor('path'), /\[string\] \$Path = '\/restapi\/v1\.0\/account\/~\/extension\/~\/call-log\?view=Simple',/);
  });

  it('refuses a server credentials must not go to, and a path outside /restapi/', () => {
    assert.throws(() => scriptFor('phoneNumbers', 'http://platform.example.com'), RingCentralError);
    assert.throws(() => powerShellScript({ server: SERVER, target: 'path', path: '/elsewhere', generator: 'x' }), /must start with \/restapi\//);
    assert.ok(scriptFor('phoneNumbers', 'http://127.0.0.1:4567').includes("$Server = 'http://127.0.0.1:4567'"), 'loopback http is fine (emulators)');
  });

  it('a path with quotes and non-ASCII stays one literal', () => {
    const text = powerShellScript({ server: SERVER, target: 'path', path: "/restapi/v1.0/account/~/extension?name=O'Brien&city=Zürich", generator: 'x' });
    assert.ok(text.includes("[string] $Path = ('/restapi/v1.0/account/~/extension?name=O''Brien&city=Z' + [char]0x00FC + 'rich'),"));
    assert.deepEqual(powerShell7Only(text), []);
  });
});
