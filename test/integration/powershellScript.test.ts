import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { powerShellScript } from '../../src/core/scripts/powerShellScript';
import { toPowerShell } from '../../src/core/snippets';
import { Commands } from '../../src/ui/ids';
import { generatorName } from '../../src/ui/commands/scriptCommands';
import type { Emulator } from '../emulator/api';
import { freshEmulator, hooks, restoreSettings, signInWithJwt } from './support';

/**
 * "Generate PowerShell Script…" and "Copy Request as PowerShell → Complete script" in a real extension host. What
 * the scripts do when run is tested under pwsh (test/powershell/); here: the commands hand the user exactly that
 * script, for the server the extension uses, in a .ps1 editor or on the clipboard, with no secret in it.
 */

async function pick(index: number): Promise<void> {
  // The quick pick opens asynchronously; move the highlight `index` rows down, then accept.
  await new Promise((r) => setTimeout(r, 400));
  for (let i = 0; i < index; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

/** The generated scripts are unsaved untitled editors: close them without the "Save changes?" dialog. */
async function closeEditorsWithoutSaving(): Promise<void> {
  for (let i = 0; i < 30 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

describe('PowerShell scripts from the extension host', function () {
  this.timeout(90_000);
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
    await closeEditorsWithoutSaving();
  });
  after(() => restoreSettings());

  it('Generate PowerShell Script… opens ringcentral-phone-numbers.ps1 (PowerShell) with the script for the configured server and no secret', async () => {
    const h = await hooks();
    emu = await freshEmulator(h);
    await signInWithJwt(h, emu);
    const uri = await vscode.commands.executeCommand<string | undefined>(Commands.generatePowerShellScript, { target: 'phoneNumbers' });
    assert.ok(uri, h.notifier.shown.join(' | '));
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.ok(doc);
    assert.equal(doc.uri.scheme, 'untitled');
    assert.match(doc.uri.path, /ringcentral-phone-numbers(-\d+)?\.ps1$/);
    assert.equal(doc.languageId, 'powershell');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri);
    const expected = powerShellScript({ server: emu.url, target: 'phoneNumbers', generator: generatorName() });
    assert.equal(doc.getText(), expected);
    assert.match(generatorName(), /^RingCentral Explorer \d+\.\d+\.\d+/);
    const session = await h.service.session();
    for (const secret of [emu.app.clientSecret, emu.jwt, session?.accessToken ?? 'none', session?.refreshToken ?? 'none']) assert.ok(!doc.getText().includes(secret));
    assert.ok(h.notifier.shown.some((m) => m.includes('RingCentralClientSecret') && m.includes('RC_CLIENT_SECRET')), 'the notification says where the credentials come from');
  });

  it('the quick pick offers every target; "Users with their numbers" and a typed GET path get their scripts', async () => {
    const h = await hooks();
    emu = await freshEmulator(h);
    const chosen = vscode.commands.executeCommand(Commands.generatePowerShellScript);
    await pick(3); // Account, Phone numbers, Users, Users with their numbers, Other GET path…
    const uri = (await chosen) as string;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    assert.equal(doc?.getText(), powerShellScript({ server: emu.url, target: 'usersWithNumbers', generator: generatorName() }));
    assert.match(doc?.uri.path ?? '', /ringcentral-users-with-numbers(-\d+)?\.ps1$/);

    // "Other GET path…" asks for the path (an input box); cancelling it leaves no editor behind.
    const editors = vscode.workspace.textDocuments.length;
    const cancelled = vscode.commands.executeCommand(Commands.generatePowerShellScript);
    await pick(4);
    await new Promise((r) => setTimeout(r, 400));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await cancelled, undefined);
    assert.equal(vscode.workspace.textDocuments.length, editors);

    // A typed path is read like Call API reads it: a leading /restapi/v1.0 may be left out.
    const typedUri = await vscode.commands.executeCommand<string>(Commands.generatePowerShellScript, { target: 'path', path: 'account/~/extension?type=Department' });
    const pathDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === typedUri);
    assert.equal(pathDoc?.getText(), powerShellScript({ server: emu.url, target: 'path', path: '/restapi/v1.0/account/~/extension?type=Department', generator: generatorName() }));
    assert.match(pathDoc?.uri.path ?? '', /ringcentral-request(-\d+)?\.ps1$/);
  });

  it('Copy Request as PowerShell keeps copying the snippet, and copies a complete script when asked', async () => {
    const h = await hooks();
    emu = await freshEmulator(h);
    const path = '/restapi/v1.0/account/~/phone-number?perPage=1000&page=1';

    const snippet = vscode.commands.executeCommand(Commands.copyRequestPowerShell);
    await pick(0); // Company phone numbers
    await pick(0); // Snippet
    assert.equal(await snippet, toPowerShell({ method: 'GET', url: emu.url + path, headers: { Accept: 'application/json' }, token: { placeholder: true } }));
    assert.equal(await vscode.env.clipboard.readText(), await snippet);

    const script = vscode.commands.executeCommand(Commands.copyRequestPowerShell);
    await pick(0);
    await pick(1); // Complete script
    const expected = powerShellScript({ server: emu.url, target: 'path', path, generator: generatorName() });
    assert.equal(await script, expected);
    assert.equal(await vscode.env.clipboard.readText(), expected);
    assert.ok(h.notifier.shown.some((m) => m.startsWith('info: Copied a complete PowerShell script for GET /restapi/v1.0/account/~/phone-number')));

    // Programmatic callers (and the view's menu) pass the path; a second argument asks for the script.
    assert.equal(await vscode.commands.executeCommand(Commands.copyRequestPowerShell, '/restapi/v1.0/account/~', 'script'), powerShellScript({ server: emu.url, target: 'path', path: '/restapi/v1.0/account/~', generator: generatorName() }));
    assert.match(String(await vscode.commands.executeCommand(Commands.copyRequestPowerShell, '/restapi/v1.0/account/~')), /^\$headers = @\{/);
  });
});
