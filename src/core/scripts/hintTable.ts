import { adviceTables } from '../errorHints';
import { psString } from './psLiteral';

/** Stands for the permission name while a permission hint is split into the parts around it. */
const SLOT = '\u0000';

/**
 * The extension's advice tables (src/core/errorHints.ts) as PowerShell dictionaries, so a script gives the very
 * hints the extension gives. Ordinal (case-sensitive) keys, as the TypeScript lookups are; the lookup order lives in
 * the runtime's Get-RcHint.
 */
export function hintTableScript(): string {
  const t = adviceTables();
  const lines: string[] = [
    '# ------------------------------------------------------------------------------------------------------------------',
    "# What to do about each RingCentral error: the hints RingCentral Explorer shows, generated from its own table.",
    '# ------------------------------------------------------------------------------------------------------------------',
    "$RcHintCodes = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,string]' -ArgumentList @(, [StringComparer]::Ordinal)",
  ];
  for (const [code, advice] of Object.entries(t.byCode)) lines.push(`$RcHintCodes[${psString(code)}] = ${psString(advice.hint)}`);
  lines.push("$RcHintOAuthErrors = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,string]' -ArgumentList @(, [StringComparer]::Ordinal)");
  for (const [error, advice] of Object.entries(t.byOAuthError)) lines.push(`$RcHintOAuthErrors[${psString(error)}] = ${psString(advice.hint)}`);
  lines.push("$RcHintStatuses = New-Object -TypeName 'System.Collections.Generic.Dictionary[int,string]'");
  for (const [status, advice] of Object.entries(t.byStatus)) lines.push(`$RcHintStatuses[${Number(status)}] = ${psString(advice.hint)}`);
  lines.push("$RcHintPermission = New-Object -TypeName 'System.Collections.Generic.Dictionary[string,string[]]' -ArgumentList @(, [StringComparer]::Ordinal)");
  for (const [code, make] of Object.entries(t.permission)) {
    // The text around each place the permission name goes; the runtime joins the parts with the name.
    const parts = make(SLOT).hint.split(SLOT);
    lines.push(`$RcHintPermission[${psString(code)}] = [string[]] @(${parts.map(psString).join(', ')})`);
  }
  lines.push(`$RcHintFallback = ${psString(t.fallback.hint)}`);
  lines.push(`$RcHintJwtRefused = ${psString(t.jwtRefused)}`);
  return lines.join('\n');
}
