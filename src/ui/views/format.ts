import * as vscode from 'vscode';

export { humanize } from '../../core/lists/listDescriptor';

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Every field of a record as a Markdown table, nested fields as dot paths; `lead` rows (joined data) come first. */
export function recordTooltip(title: string, record: Record<string, unknown>, lead: readonly (readonly [string, string])[] = []): vscode.MarkdownString {
  const rows: string[] = lead.map(([k, v]) => `| **${escapeCell(k)}** | ${escapeCell(v)} |`);
  const links: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, path ? `${path}.${k}` : k);
    } else {
      const text = Array.isArray(value) ? JSON.stringify(value) : String(value);
      // API links are long and mean nothing to a reader; they are in exports and Copy as JSON.
      if (path === 'uri' || path.endsWith('.uri')) links.push(path);
      else rows.push(`| ${escapeCell(path)} | ${escapeCell(text)} |`);
    }
  };
  walk(record, '');
  if (links.length > 0) rows.push(`| ${escapeCell(links.join(', '))} | *(API links: Copy as JSON)* |`);
  const md = new vscode.MarkdownString(`**${escapeCell(title)}**\n\n| Field | Value |\n|---|---|\n${rows.join('\n')}`);
  md.supportHtml = false;
  md.isTrusted = false;
  return md;
}

function escapeCell(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function timeOf(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
