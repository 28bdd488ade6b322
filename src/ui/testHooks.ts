import type * as vscode from 'vscode';
import type { ExplorerController } from './explorerController';
import type { Notifier } from './notify';
import type { RingCentralService } from './service';
import type { RingCentralAuthProvider } from './auth/authProvider';
import { activeInputBox } from './signIn/inputSteps';
import { setBrowserOpener } from './signIn/browserSignIn';

/**
 * Internals the integration tests drive. Returned from activate() only when the extension host runs with
 * RINGCENTRAL_EXPLORER_TEST_HOOKS=1, so other extensions never get a handle on the session.
 */
export interface TestHooks {
  service: RingCentralService;
  controller: ExplorerController;
  notifier: Notifier;
  authProvider: RingCentralAuthProvider;
  activeInputBox: () => vscode.InputBox | undefined;
  setBrowserOpener: (open: (url: string) => Thenable<boolean>) => void;
  logUri: vscode.Uri;
  globalStorageUri: vscode.Uri;
  storageUri: vscode.Uri | undefined;
  secrets: vscode.SecretStorage;
  registeredCommands: string[];
}

export function testHooksEnabled(): boolean {
  return process.env.RINGCENTRAL_EXPLORER_TEST_HOOKS === '1';
}

export function makeTestHooks(parts: Omit<TestHooks, 'activeInputBox' | 'setBrowserOpener'>): TestHooks {
  return { ...parts, activeInputBox, setBrowserOpener };
}
