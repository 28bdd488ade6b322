import * as vscode from 'vscode';
import { assertNoSecrets } from '../core/export/json';

/**
 * Opens text in a new untitled editor named after what it holds (`phone-numbers.csv`, then `phone-numbers-2.csv`),
 * so the tab and Save As show a real name and the language follows the file extension. Refuses text that contains
 * a known secret.
 */
export async function openUntitled(fileName: string, content: string, secrets: readonly string[]): Promise<vscode.TextEditor> {
  assertNoSecrets(content, secrets);
  const uri = freeUntitledUri(fileName);
  let doc = await vscode.workspace.openTextDocument(uri);
  const language = fileName.endsWith('.csv') ? 'csv' : fileName.endsWith('.json') ? 'json' : undefined;
  if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  // An empty untitled document takes the platform's line ending; CSV must keep RFC 4180's CRLF.
  const eol = content.includes('\r\n') ? vscode.EndOfLine.CRLF : vscode.EndOfLine.LF;
  await editor.edit(
    (edit) => {
      edit.setEndOfLine(eol);
      edit.insert(new vscode.Position(0, 0), content);
    },
    { undoStopBefore: false, undoStopAfter: false },
  );
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  return editor;
}

function freeUntitledUri(fileName: string): vscode.Uri {
  const dot = fileName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  const taken = new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled').map((d) => d.uri.path));
  for (let n = 1; ; n++) {
    const path = n === 1 ? fileName : `${stem}-${n}${ext}`;
    if (!taken.has(path)) return vscode.Uri.from({ scheme: 'untitled', path });
  }
}
