import { PHONE_NUMBER_COLUMNS } from '../export/csv';
import { validateServerUrl } from '../serverUrl';
import { hintTableScript } from './hintTable';
import { psCommentText, psString } from './psLiteral';
import { MAIN, RUNTIME } from './runtime';
import { ACCOUNT_PATH, PER_PAGE, PHONE_NUMBERS_PATH, targetInfo, USER_COLUMNS, USERS_PATH, type ScriptTargetId } from './targets';

export interface PowerShellScriptOptions {
  /** The server the extension uses; becomes the -Server default. */
  server: string;
  target: ScriptTargetId;
  /** For `path`: a GET path under /restapi/, query included. */
  path?: string;
  /** Who wrote the script, e.g. "RingCentral Explorer 0.1.0". */
  generator: string;
}

/** Where a script reads each credential: SecretManagement secret name, then environment variable. */
export const CREDENTIAL_NAMES = {
  ClientId: { secret: 'RingCentralClientId', env: 'RC_CLIENT_ID' },
  ClientSecret: { secret: 'RingCentralClientSecret', env: 'RC_CLIENT_SECRET' },
  Jwt: { secret: 'RingCentralJwt', env: 'RC_JWT' },
} as const;

/**
 * One complete, readable PowerShell script that signs in with the JWT grant and writes what `target` names to the
 * pipeline. Credentials are never in it: it reads them when it runs (see CREDENTIAL_NAMES). Pure ASCII (psLiteral.ts
 * says why), and free of PowerShell 7-only syntax so Windows PowerShell 5.1 runs it too.
 */
export function powerShellScript(options: PowerShellScriptOptions): string {
  const server = validateServerUrl(options.server);
  const info = targetInfo(options.target);
  const path = options.target === 'path' ? checkedPath(options.path) : undefined;
  return [
    '#Requires -Version 5.1',
    help(info.synopsis, server, options, path),
    params(server, path),
    secretNames(),
    // What the script does first, for the reader; PowerShell resolves the functions it calls when Main runs.
    targetBody(options.target),
    '',
    hintTableScript(),
    RUNTIME,
    MAIN,
  ].join('\n');
}

function checkedPath(path: string | undefined): string {
  if (path === undefined || !path.startsWith('/restapi/')) throw new Error(`A script path must start with /restapi/ (got ${String(path)}).`);
  return path;
}

const EXAMPLES: Record<ScriptTargetId, (file: string) => string[]> = {
  account: (f) => [`.\\${f} | Format-List`, `.\\${f} -Raw | ConvertTo-Json -Depth 10 | Set-Content -Encoding UTF8 .\\account.json`],
  phoneNumbers: (f) => [
    `.\\${f} | Export-Csv -NoTypeInformation -Encoding UTF8 -Path .\\phone-numbers.csv`,
    `.\\${f} | Where-Object usageType -eq 'DirectNumber' | Select-Object phoneNumber, 'extension.extensionNumber', 'extension.name'`,
    `.\\${f} -Raw | ConvertTo-Json -Depth 10 | Set-Content -Encoding UTF8 .\\phone-numbers.json`,
  ],
  users: (f) => [
    `.\\${f} | Where-Object status -eq 'Enabled' | Export-Csv -NoTypeInformation -Encoding UTF8 -Path .\\users.csv`,
    `.\\${f} | Select-Object extensionNumber, name, 'contact.email', 'contact.department'`,
  ],
  usersWithNumbers: (f) => [
    `.\\${f} | Export-Csv -NoTypeInformation -Encoding UTF8 -Path .\\users-with-numbers.csv`,
    `.\\${f} | Where-Object { -not $_.PhoneNumber } | Select-Object ExtensionNumber, Name, Email`,
  ],
  path: (f) => [`.\\${f} | Export-Csv -NoTypeInformation -Encoding UTF8 -Path .\\records.csv`, `.\\${f} -Raw | ConvertTo-Json -Depth 10`],
};

function help(synopsis: string, server: string, o: PowerShellScriptOptions, path: string | undefined): string {
  const file = targetInfo(o.target).fileName;
  const names = CREDENTIAL_NAMES;
  const what: Record<ScriptTargetId, string> = {
    account: `GET ${ACCOUNT_PATH}.`,
    phoneNumbers: `GET ${PHONE_NUMBERS_PATH}, every page of ${PER_PAGE}.`,
    users: `GET ${USERS_PATH}?type=User, every page of ${PER_PAGE}.`,
    usersWithNumbers: `GET ${PHONE_NUMBERS_PATH}?usageType=DirectNumber and GET ${USERS_PATH}?type=User, every page of ${PER_PAGE}, matched by extension id. One row per user: ExtensionId, ExtensionNumber, Name, FirstName, LastName, Email, Department, Status, PhoneNumber (the user's primary direct number), PhoneNumbers (all of them, separated by "; ").`,
    path: `GET ${path ?? ''} (the -Path parameter), every page of ${PER_PAGE} when the answer is a list.`,
  };
  const lines = [
    '<#',
    '.SYNOPSIS',
    `    ${synopsis}`,
    '',
    '.DESCRIPTION',
    `    ${what[o.target]}`,
    '',
    '    Signs in to RingCentral with a JWT credential and keeps the session alive however long the run takes:',
    '    the access token is renewed before it expires (each refresh token is used once), once more after a 401,',
    '    and the JWT signs in again when the refresh token is gone. Lists are read page by page through',
    '    navigation.nextPage (on this server only). Rate limits are honoured: no request goes out during a',
    '    penalty, a 429 waits for Retry-After (60 s when absent), and a spent quota waits for the window. Errors',
    '    end the run with the same advice RingCentral Explorer gives. The session is revoked at the end, so',
    '    scheduled runs do not pile up sessions (RingCentral keeps about five per user and app).',
    '',
    '    Objects go to the pipeline, flattened for Export-Csv (nested fields as extension.name, lists as JSON',
    '    text); -Raw writes the records as RingCentral sends them.',
    '',
    '    Runs in Windows PowerShell 5.1 and PowerShell 7.',
    '',
    '.PARAMETER Server',
    '    The RingCentral server. The default is the one RingCentral Explorer used when it wrote this script.',
    ...(o.target === 'path' ? ['', '.PARAMETER Path', '    The GET path under /restapi/ (a leading /restapi/v1.0 may be left out).'] : []),
    '',
    '.PARAMETER SecretVault',
    '    The SecretManagement vault that holds the credentials. Default: every registered vault.',
    '',
    '.PARAMETER Raw',
    '    Write the records as RingCentral sends them (nested objects) instead of flat rows.',
    '',
    '.PARAMETER TimeoutSec',
    '    Seconds to wait for each answer (default 60).',
    '',
    '.PARAMETER Proxy',
    '    A proxy server for every request, e.g. http://proxy.example.com:8080.',
    '',
    '.PARAMETER ProxyUseDefaultCredentials',
    '    Authenticate to -Proxy as the current Windows user.',
    '',
    ...EXAMPLES[o.target](file).flatMap((e) => ['.EXAMPLE', `    ${e}`, '']),
    ...(o.target === 'usersWithNumbers' ? usersToDirectoryExample(file) : []),
    '.NOTES',
    `    Written by ${o.generator} for ${server}.`,
    '',
    '    Credentials: client ID, client secret and JWT are never written into this script. It reads each from',
    '    PowerShell SecretManagement when that module and the named secret exist, else from an environment',
    '    variable:',
    `        client ID       secret ${names.ClientId.secret.padEnd(24)} or $env:${names.ClientId.env}`,
    `        client secret   secret ${names.ClientSecret.secret.padEnd(24)} or $env:${names.ClientSecret.env}`,
    `        JWT             secret ${names.Jwt.secret.padEnd(24)} or $env:${names.Jwt.env}`,
    '    Store them once (the app needs the JWT auth flow and the Read Accounts permission):',
    '        Install-Module Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore -Scope CurrentUser',
    '        Register-SecretVault -Name RingCentral -ModuleName Microsoft.PowerShell.SecretStore -DefaultVault',
    `        Set-Secret -Name ${names.ClientId.secret}       # paste the value when asked`,
    `        Set-Secret -Name ${names.ClientSecret.secret}`,
    `        Set-Secret -Name ${names.Jwt.secret}`,
    '    For unattended runs, let the store open without a password for this Windows user only:',
    '        Set-SecretStoreConfiguration -Scope CurrentUser -Authentication None -Interaction None',
    '',
    '    Schedule it as the user who stored the secrets, for example every night at 2:00:',
    `        $run = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "& ''C:\\Scripts\\${file}'' | Export-Csv -NoTypeInformation -Encoding UTF8 -Path C:\\Reports\\ringcentral.csv"'`,
    "        Register-ScheduledTask -TaskName 'RingCentral export' -Trigger (New-ScheduledTaskTrigger -Daily -At 2am) -Action (New-ScheduledTaskAction -Execute 'powershell.exe' -Argument $run)",
    '',
    '    Exit codes: 0 done; 1 RingCentral refused or could not be reached (the message says what to do);',
    '    2 missing credentials or a wrong parameter.',
  ];
  return ['<#', ...lines.slice(1).map(psCommentText), '#>'].join('\n');
}

function usersToDirectoryExample(file: string): string[] {
  return [
    '.EXAMPLE',
    '    # Put each user\'s direct number into Active Directory (RSAT ActiveDirectory module), matching by e-mail.',
    '    # Check the output first; remove -WhatIf to make the change.',
    `    .\\${file} | Where-Object { $_.Email -and $_.PhoneNumber } | ForEach-Object {`,
    "        $mail = $_.Email -replace \"'\", \"''\"",
    "        $account = Get-ADUser -Filter \"mail -eq '$mail'\"",
    '        if ($account) { Set-ADUser -Identity $account -OfficePhone $_.PhoneNumber -WhatIf }',
    '        else { Write-Warning "No AD user with mail $($_.Email)" }',
    '    }',
    '',
  ];
}

function params(server: string, path: string | undefined): string {
  return [
    '[CmdletBinding()]',
    'param(',
    `    [string] $Server = ${psString(server)},`,
    ...(path !== undefined ? [`    [string] $Path = ${psString(path)},`] : []),
    "    [string] $SecretVault = '',",
    '    [switch] $Raw,',
    '    [ValidateRange(5, 600)] [int] $TimeoutSec = 60,',
    '    [uri] $Proxy,',
    '    [switch] $ProxyUseDefaultCredentials',
    ')',
  ].join('\n');
}

function secretNames(): string {
  const entries = (pick: 'secret' | 'env'): string =>
    (Object.keys(CREDENTIAL_NAMES) as (keyof typeof CREDENTIAL_NAMES)[]).map((k) => `${k} = ${psString(CREDENTIAL_NAMES[k][pick])}`).join('; ');
  return [
    '',
    '# Where the credentials come from (see .NOTES). Change the names here if you keep several RingCentral apps.',
    `$RcSecretNames = @{ ${entries('secret')} }`,
    `$RcEnvNames = @{ ${entries('env')} }`,
    '',
  ].join('\n');
}

function psArray(items: readonly string[]): string {
  return `@(${items.map(psString).join(', ')})`;
}

/** `Invoke-RcScript`: what this script fetches and writes to the pipeline. */
function targetBody(target: ScriptTargetId): string {
  const head = [
    '# ------------------------------------------------------------------------------------------------------------------',
    '# What this script fetches: change it here. The functions it calls (Get-RcList, Write-RcRows...) are below.',
    '# ------------------------------------------------------------------------------------------------------------------',
    'function Invoke-RcScript {',
  ];
  const numbers = `${PHONE_NUMBERS_PATH}?perPage=${PER_PAGE}`;
  const users = `${USERS_PATH}?type=User&perPage=${PER_PAGE}`;
  const bodies: Record<ScriptTargetId, string[]> = {
    account: [`    Invoke-RcGet -Uri ($script:Rc.Server + ${psString(ACCOUNT_PATH)}) | Write-RcRows`],
    phoneNumbers: [
      "    # The extension's CSV column order: these first, the rest as they come, API links last.",
      `    Get-RcList -PathAndQuery ${psString(numbers)} | Write-RcRows -Preferred ${psArray(PHONE_NUMBER_COLUMNS)}`,
    ],
    users: [`    Get-RcList -PathAndQuery ${psString(users)} | Write-RcRows -Preferred ${psArray(USER_COLUMNS)}`],
    usersWithNumbers: [
      '    # Direct numbers by the id of the extension they belong to.',
      '    $numbersByUser = @{}',
      `    Get-RcList -PathAndQuery ${psString(`${PHONE_NUMBERS_PATH}?usageType=DirectNumber&perPage=${PER_PAGE}`)} | ForEach-Object {`,
      "        $owner = Get-RcText (Get-RcField (Get-RcField $_ 'extension') 'id')",
      '        if ($owner) {',
      '            if (-not $numbersByUser.ContainsKey($owner)) { $numbersByUser[$owner] = New-Object System.Collections.ArrayList }',
      '            [void] $numbersByUser[$owner].Add($_)',
      '        }',
      '    }',
      `    Get-RcList -PathAndQuery ${psString(users)} | ForEach-Object {`,
      "        $id = Get-RcText (Get-RcField $_ 'id')",
      '        $numbers = @()',
      '        if ($numbersByUser.ContainsKey($id)) { $numbers = @($numbersByUser[$id]) }',
      '        if ($Raw) {',
      "            $_ | Add-Member -NotePropertyName 'directNumbers' -NotePropertyValue $numbers -PassThru",
      '        } else {',
      "            $contact = Get-RcField $_ 'contact'",
      "            $primary = @($numbers | Where-Object { (Get-RcField $_ 'primary') -eq $true }) + $numbers | Select-Object -First 1",
      '            [pscustomobject] @{',
      "                ExtensionId     = Get-RcField $_ 'id'",
      "                ExtensionNumber = Get-RcField $_ 'extensionNumber'",
      "                Name            = Get-RcField $_ 'name'",
      "                FirstName       = Get-RcField $contact 'firstName'",
      "                LastName        = Get-RcField $contact 'lastName'",
      "                Email           = Get-RcField $contact 'email'",
      "                Department      = Get-RcField $contact 'department'",
      "                Status          = Get-RcField $_ 'status'",
      "                PhoneNumber     = Get-RcField $primary 'phoneNumber'",
      "                PhoneNumbers    = (@($numbers | ForEach-Object { Get-RcField $_ 'phoneNumber' }) -join '; ')",
      '            }',
      '        }',
      '    }',
    ],
    path: [
      '    $relative = $Path.Trim()',
      "    if (-not $relative.StartsWith('/')) { $relative = '/' + $relative }",
      "    if (-not $relative.StartsWith('/restapi/')) { $relative = '/restapi/v1.0' + $relative }",
      '    Get-RcList -PathAndQuery (Add-RcPerPage $relative) | Write-RcRows',
    ],
  };
  return [...head, ...bodies[target], '}'].join('\n');
}
