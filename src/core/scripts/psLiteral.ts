/**
 * PowerShell literals for generated scripts. Scripts must stay pure ASCII: VS Code saves a new file as UTF-8 without
 * a byte-order mark, and Windows PowerShell 5.1 reads such a file as Windows-1252, where the bytes of a character
 * like "->" (U+2192: E2 86 92) include 0x92, a typographic quote that ends a single-quoted string. So any character
 * outside printable ASCII is written as `[char]0xNNNN` and joined to the literal text around it.
 */

/** Printable ASCII, minus the quote that ends a PowerShell single-quoted string. */
const PLAIN = /^[\x20-\x26\x28-\x7e]$/;

/** A PowerShell expression for `text`: `'...'` when plain, else a parenthesised concatenation. */
export function psString(text: string): string {
  const parts: string[] = [];
  let run = '';
  for (const ch of text) {
    if (PLAIN.test(ch)) run += ch;
    else if (ch === "'") run += "''";
    else {
      if (run) parts.push(`'${run}'`);
      run = '';
      const code = ch.codePointAt(0) ?? 0;
      // Characters beyond the BMP become a surrogate pair, as .NET strings hold them.
      for (const unit of code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code]) {
        parts.push(`[char]0x${unit.toString(16).toUpperCase().padStart(4, '0')}`);
      }
    }
  }
  if (run || parts.length === 0) parts.push(`'${run}'`);
  if (parts.length === 1) return parts[0] as string;
  // A [char] first would make `+` add numbers; starting from a string keeps it text.
  if (!parts[0]?.startsWith("'")) parts.unshift("''");
  return `(${parts.join(' + ')})`;
}

/** Text for a comment line: ASCII only, so the file stays readable by Windows PowerShell 5.1 (see above). */
export function psCommentText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201E]/g, '"')
    .replace(/\u2192/g, '->')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/#>/g, '# >');
}
