import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';

/**
 * The folder every window of this VS Code on this machine sees: global storage, where the cross-window lock, the
 * session ledger and the shared rate-limit windows live (never a secret). Global storage is a local path for an
 * extension host on a disk; should it ever not be one, a per-user folder in the temp directory serves instead.
 */
export function sharedFolder(context: vscode.ExtensionContext): string {
  const uri = context.globalStorageUri;
  if (uri.scheme === 'file') return path.join(uri.fsPath, 'coordination');
  return path.join(tmpdir(), `ringcentral-explorer-${userInfo().uid}`, 'coordination');
}
