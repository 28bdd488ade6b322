import * as vscode from 'vscode';
import { csvColumns, linksLast, toCsv } from '../../core/export/csv';
import { toJson } from '../../core/export/json';
import { countOf } from '../../core/lists/listDescriptor';
import { openUntitled } from '../documents';
import { asOfText } from '../model/listMessage';
import type { ListModel, ListSnapshot } from '../model/listModel';
import type { CommandContext } from './context';

/**
 * Any list as JSON (the server's records as received: every field, server order) or CSV (the descriptor's leading
 * columns, then every other field, API links last). The whole list, never a partial one; a list kept on disk is
 * exported as kept and the status bar says as of when. Returns the new document's URI.
 */
export async function exportList<T extends object>(ctx: CommandContext, list: ListModel<T>, format: 'json' | 'csv'): Promise<string> {
  const data = await ctx.controller.ensureList(list);
  const { exports } = list.descriptor;
  const rows = data.records as unknown as Record<string, unknown>[];
  const text = format === 'json' ? toJson(data.records) : toCsv(rows, linksLast(csvColumns(rows, exports.csvColumns)));
  const editor = await openUntitled(format === 'json' ? exports.json : exports.csv, text, ctx.redactor.known());
  announce(countOf(list.descriptor, data.records.length), data);
  return editor.document.uri.toString();
}

/** "Exported 1,200 extensions (as of 10:42)": the age matters when the list came from disk. */
export function announce(what: string, data: Pick<ListSnapshot<object>, 'asOf' | 'source'>): void {
  vscode.window.setStatusBarMessage(`Exported ${what}${data.source === 'kept' ? ` (kept list as of ${asOfText(data.asOf, Date.now())}; Refresh for current data)` : ''}`, 5000);
}
