import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/ui/ids';
import type { TestHooks } from '../../src/ui/testHooks';
import type { Emulator } from '../emulator/api';
import { answerInputs, freshEmulator, hooks, restoreSettings } from './support';

/** How VS Code finds links in a notification (src/vs/base/common/linkedText.ts). */
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

describe('what the extension tells the user: sign-out, Call API input, server text', function () {
  this.timeout(60_000);
  let emu: Emulator | undefined;
  let h: TestHooks;
  beforeEach(async () => {
    h = await hooks();
    await emu?.close();
    emu = await freshEmulator(h);
    // Signed in through the input boxes, as a user would (the views loading is not what these tests look at).
    const done = vscode.commands.executeCommand(Commands.signIn);
    await answerInputs(h, [{ value: emu.app.clientId }, { value: emu.app.clientSecret, password: true }, { value: emu.jwt, password: true }]);
    await done;
    assert.ok(await h.service.session(), h.notifier.shown.join(' | '));
    h.notifier.shown.length = 0;
  });
  after(async () => {
    await emu?.close();
    await restoreSettings();
  });

  it('sign-out says "revoked" when the server confirmed it', async () => {
    const revoked = await vscode.commands.executeCommand(Commands.signOut);
    assert.equal(revoked, true);
    assert.equal(emu!.requestsTo('/restapi/oauth/revoke').at(-1)?.status, 200);
    assert.match(h.notifier.shown.at(-1) ?? '', /server confirmed that the session was revoked/);
  });

  it('sign-out does not claim a revoke the server did not confirm, and says what that means', async () => {
    emu!.inject({ kind: 'status', status: 503, path: '/restapi/oauth/revoke' });
    const revoked = await vscode.commands.executeCommand(Commands.signOut);
    assert.equal(revoked, false);
    const text = h.notifier.shown.at(-1) ?? '';
    assert.doesNotMatch(text, /was revoked/);
    assert.match(text, /did not confirm the revoke.*valid there until it lapses/);
    assert.equal(await h.service.session(), undefined, 'signed out here all the same');
  });

  it('Call API turns a bad path into a message (a bare "http://" threw a TypeError before)', async () => {
    for (const input of ['http://', '//evil.test/restapi/v1.0/account/~', '/restapi/v1.0/../../x']) {
      const result = await vscode.commands.executeCommand(Commands.callApi, input);
      assert.equal(result, undefined);
      assert.match(h.notifier.shown.at(-1) ?? '', /^error: Call API: Cannot call/, input);
    }
    assert.equal(emu!.requests.filter((r) => r.path.includes('evil') || r.path.includes('..')).length, 0, 'nothing was sent');
  });

  it('server text in an error notification is shown as text, never as a link or command', async () => {
    const planted = 'Go [Fix it](command:workbench.action.openSettings?%5B%22ringcentral.server%22%5D) or [docs](https://evil.test/x)';
    emu!.inject({ kind: 'status', status: 400, path: '/restapi/v1.0/account/~', body: { errorCode: 'CMN-101', message: planted, errors: [{ errorCode: 'CMN-101', message: planted }] } });
    const result = await vscode.commands.executeCommand(Commands.callApi, '/restapi/v1.0/account/~');
    assert.equal(result, undefined);
    const shown = h.notifier.shown.at(-1) ?? '';
    assert.match(shown, /Go \[Fix it\] \(command:/, 'still readable');
    assert.doesNotMatch(shown, VSCODE_LINK);
  });
});
