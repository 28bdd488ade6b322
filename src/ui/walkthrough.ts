import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, Walkthrough } from './ids';

/** What `workbench.action.openWalkthrough` takes: "<extension id>#<walkthrough id>". */
export const WALKTHROUGH_ID = `${EXTENSION_ID}#${Walkthrough.id}`;

/** globalState key: the walkthrough was offered once, for this user (synced, so not again on another machine). */
export const OFFERED_KEY = 'ringcentral.walkthroughOffered';

export function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
}

/**
 * Opens the walkthrough the first time the extension runs for a user. VS Code opens a walkthrough by itself only
 * when the extension was installed from the Extensions view in the focused window (gettingStartedService.ts,
 * sessionInstalledExtensions); a VSIX, `code --install-extension` or Settings Sync install gets nothing, so the
 * extension does it on its first activation. Not when the user turned walkthroughs off
 * (workbench.welcomePage.walkthroughs.openOnInstall), and not for someone already signed in (an upgrade).
 * Resolves to whether it opened.
 */
export async function offerWalkthroughOnce(state: vscode.Memento & { setKeysForSync(keys: readonly string[]): void }, signedIn: () => Promise<boolean>): Promise<boolean> {
  state.setKeysForSync([OFFERED_KEY]);
  if (state.get<boolean>(OFFERED_KEY) === true) return false;
  await state.update(OFFERED_KEY, true);
  if (vscode.workspace.getConfiguration('workbench.welcomePage.walkthroughs').get<boolean>('openOnInstall') === false) return false;
  if (await signedIn()) return false;
  await openWalkthrough();
  return true;
}

/** "RingCentral: Get Started": the walkthrough, from the palette and the welcome view. */
export function walkthroughCommands(): Record<string, (...args: unknown[]) => unknown> {
  return { [Commands.getStarted]: () => openWalkthrough() };
}
