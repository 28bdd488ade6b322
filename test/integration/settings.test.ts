import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RingCentralError } from '../../src/core/errors';
import { Commands, SettingKeys } from '../../src/ui/ids';
import { readSettings, settingsForSignIn, type ExplorerSettings } from '../../src/ui/settings';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { answerInputs, freshEmulator, hooks, restoreSettings, waitFor } from './support';

/** Settles `p` into a value, an error, or "still pending" after `ms`. */
async function within<T>(p: Promise<T>, ms: number): Promise<{ value?: T; error?: unknown; pending: boolean }> {
  return Promise.race([
    p.then(
      (value) => ({ value, pending: false }),
      (error: unknown) => ({ error, pending: false }),
    ),
    new Promise<{ pending: boolean }>((r) => setTimeout(() => r({ pending: true }), ms)),
  ]);
}

function tokenRequests(emu: Emulator): number {
  return emu.requestsTo('/restapi/oauth/token', 'POST').length;
}

// Issue 7, point 10: credentials go only to the server the user's own (User) settings name, and a sign-in that starts
// before the connection follows the settings waits for it. The remote-window half runs in
// test/multiwindow/signInServer.mjs (fresh windows of the VS Code server build, User settings only).
describe('settings: where a sign-in sends credentials', function () {
  this.timeout(90_000);
  const emus: Emulator[] = [];
  afterEach(async () => {
    for (const e of emus.splice(0)) await e.close();
  });
  after(() => restoreSettings());

  it('the server comes from the User settings, scope "application" (also in this remote window)', async () => {
    const h = await hooks();
    const emu = await freshEmulator(h);
    emus.push(emu);
    // VS Code's inspect() also reports the two halves of "global" in a remote window (not in the typings): the User
    // settings of the client (local) and the Machine settings of the remote. A "machine" scope would put the value
    // in the Machine settings here, where a user setting it in the UI or in settings.json does not have it.
    const i = vscode.workspace.getConfiguration().inspect<string>(SettingKeys.server) as
      | (ReturnType<vscode.WorkspaceConfiguration['inspect']> & { globalLocalValue?: unknown; globalRemoteValue?: unknown })
      | undefined;
    assert.equal(i?.globalValue, emu.url, 'read from the User settings');
    assert.equal(i?.globalLocalValue, emu.url, 'written to the User settings, not the Machine settings');
    assert.equal(i?.globalRemoteValue, undefined);
    assert.equal(vscode.workspace.getConfiguration().get(SettingKeys.server), emu.url, 'and VS Code applies it');
    assert.equal(readSettings().server, emu.url);
  });

  it('a sign-in waits until the connection uses the server the User settings name', async () => {
    const h = await hooks();
    const emu = await freshEmulator(h);
    emus.push(emu);
    // The connection still on another server: what a sign-in sees between a settings change and the rebuild.
    let applied: ExplorerSettings = { ...h.service.settings, server: 'https://platform.ringcentral.com' };
    const rebuilt = new vscode.EventEmitter<void>();
    try {
      const waiting = settingsForSignIn(() => applied, rebuilt.event);
      const early = await within(waiting, 300);
      assert.equal(early.pending, true, `went ahead on the old connection: ${JSON.stringify(early)}`);
      applied = { ...h.service.settings };
      rebuilt.fire();
      const late = await within(waiting, 1000);
      assert.equal(late.pending, false, 'went ahead once the connection followed');
      assert.equal(late.value?.server, emu.url);
    } finally {
      rebuilt.dispose();
    }
  });

  it('a connection that never follows ends the sign-in with a clear message, nothing sent', async () => {
    const h = await hooks();
    const emu = await freshEmulator(h);
    emus.push(emu);
    const stale: ExplorerSettings = { ...h.service.settings, server: 'https://platform.ringcentral.com' };
    const never = new vscode.EventEmitter<void>();
    try {
      await assert.rejects(settingsForSignIn(() => stale, never.event, undefined, 300), (e: unknown) => {
        assert.ok(e instanceof RingCentralError);
        assert.equal(e.kind, 'config');
        assert.match(e.message, new RegExp(`\\(${emu.url.replace(/[.]/g, '\\.')}\\) is not in use yet, so nothing was sent`));
        assert.match(e.hint, /Sign In/);
        return true;
      });
    } finally {
      never.dispose();
    }
  });

  it('a server change during Sign In sends the typed credentials to neither server', async () => {
    const h = await hooks();
    const first = await freshEmulator(h);
    const second = await startEmulator({ phoneNumbers: 10 });
    emus.push(first, second);
    const done = vscode.commands.executeCommand(Commands.signIn);
    // The first step is on screen: the user now points the extension at another server, then answers.
    await waitFor('the first sign-in step', () => h.activeInputBox());
    await vscode.workspace.getConfiguration().update(SettingKeys.server, second.url, vscode.ConfigurationTarget.Global);
    await waitFor('the connection to follow', () => h.service.settings.server === second.url);
    await answerInputs(h, [{ value: first.app.clientId }, { value: first.app.clientSecret, password: true }, { value: first.jwt, password: true }]);
    await done;
    assert.equal(tokenRequests(first), 0, 'nothing went to the server the sign-in started for');
    assert.equal(tokenRequests(second), 0, 'the credentials typed for the first server did not go to the second');
    assert.equal(await h.service.session(), undefined);
    const shown = h.notifier.shown.join(' | ');
    assert.match(shown, new RegExp(`changed from ${first.url.replace(/[.]/g, '\\.')} to ${second.url.replace(/[.]/g, '\\.')} during sign-in`), shown);
    await h.service.forgetCredentials();
  });
});
