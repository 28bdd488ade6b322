import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';

/**
 * The folder every window of this VS Code on this machine sees: global storage. The cross-window lock, the session
 * ledger, the shared rate-limit windows and the kept lists live under it (never a secret). Global storage is a local
 * path for an extension host on a disk; should it ever not be one, a per-user folder in the temp directory serves.
 */
export function sharedFolder(context: vscode.ExtensionContext): string {
  const uri = context.globalStorageUri;
  return uri.scheme === 'file' ? uri.fsPath : path.join(tmpdir(), `ringcentral-explorer-${userInfo().uid}`);
}
