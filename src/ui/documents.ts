import * as vscode from 'vscode';
import { assertNoSecrets } from '../core/export/json';

/** Opens text in a new untitled editor, after checking that none of the known secrets is in it. */
export async function openUntitled(language: 'json' | 'csv' | 'plaintext', content: string, secrets: readonly string[]): Promise<vscode.TextEditor> {
  assertNoSecrets(content, secrets);
  const doc = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(doc, { preview: false });
}
