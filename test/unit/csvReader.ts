/**
 * A strict RFC 4180 reader: CRLF between records only, quotes only around whole fields, doubled
 * inside. Anything else throws, so a sloppy writer cannot pass by accident.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const special = /[",\r\n]/g;
  for (;;) {
    let value: string;
    if (text[i] === '"') {
      value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw new Error('unterminated quoted field');
        value += text.slice(from, q);
        if (text[q + 1] === '"') {
          value += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after closing quote at ${i}`);
    } else {
      special.lastIndex = i;
      const m = special.exec(text);
      const end = m ? m.index : text.length;
      if (m?.[0] === '"') throw new Error(`quote inside an unquoted field at ${end}`);
      if (m?.[0] === '\n') throw new Error(`bare LF at ${end}`);
      value = text.slice(i, end);
      i = end;
    }
    row.push(value);
    if (i >= text.length) {
      // A final line without CRLF; a trailing CRLF leaves nothing to add.
      if (row.length > 1 || value !== '') rows.push(row);
      return rows;
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
    rows.push(row);
    row = [];
    i += 2;
    if (i >= text.length) return rows;
  }
}
