import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/ui/ids';
import type { Emulator } from '../emulator/api';
import { answerInputs, freshEmulator, hooks, restoreSettings, signInWithJwt, waitFor } from './support';

const DAY = 24 * 3600_000;

describe('sessions in the extension host: refused credentials, sessions that end, the Accounts menu', function () {
  this.timeout(90_000);
  let emu: Emulator | undefined;
  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await emu?.close();
    emu = undefined;
  });
  after(() => restoreSettings());

  it('a JWT the platform refuses is forgotten: the hint says to create a new one, and the next Sign In asks for the JWT only', async () => {
    const h = await hooks();
    emu = await freshEmulator(h);
    const refused = vscode.commands.executeCommand(Commands.signIn);
    await answerInputs(h, [{ value: emu.app.clientId }, { value: emu.app.clientSecret, password: true }, { value: 'eyJhbGciOi.revoked.credential', password: true }]);
    await refused;
    const shown = await waitFor('the refusal', () => h.notifier.shown.find((s) => s.startsWith('error:')));
    assert.match(shown, /refused the JWT credential/);
    assert.match(shown, /Create a new JWT/);
    assert.doesNotMatch(shown, /refresh token/i);
    assert.equal((await h.service.credentials()).jwt, undefined, 'the refused JWT is forgotten');
    assert.equal((await h.service.credentials()).clientSecret, emu.app.clientSecret, 'the client secret was right and is kept');
    const again = vscode.commands.executeCommand(Commands.signIn);
    await answerInputs(h, [{ value: emu.jwt, password: true }]);
    await again;
    assert.ok(await h.service.session(), 'signed in with the new JWT');
  });

  it('the Accounts menu names the user from the first moment of the session', async () => {
    const h = await hooks();
    emu = await freshEmulator(h);
    await signInWithJwt(h, emu);
    const [auth] = await h.authProvider.getSessions([]);
    const me = emu.data.me as { name: string; extensionNumber: string };
    assert.equal(auth?.account.label, `${me.name} (ext. ${me.extensionNumber})`);
    const stored = await h.service.session();
    assert.equal(stored?.ownerLabel, auth?.account.label, 'kept with the session, so every window has it');
  });

  it('a session whose refresh token lapsed and whose stored JWT is refused ends visibly, once, with the JWT hint', async () => {
    const h = await hooks();
    emu = await freshEmulator(h);
    await signInWithJwt(h, emu);
    emu.revokeAllSessions();
    emu.clock.advance(8 * DAY);
    // The stored JWT no longer signs in: the platform refuses it from now on.
    emu.inject({ kind: 'status', status: 400, path: '/restapi/oauth/token', times: 10, body: { error: 'invalid_grant', error_description: 'JWT revoked', errors: [{ errorCode: 'OAU-149', message: 'JWT revoked' }] } });
    await vscode.commands.executeCommand(Commands.refresh);
    const ended = await waitFor('the notification', () => h.notifier.shown.find((s) => s.startsWith('error: Signed out of RingCentral')));
    assert.match(ended, /Create a new JWT/);
    assert.equal(await h.service.session(), undefined);
    assert.equal((await h.service.credentials()).jwt, undefined, 'the refused JWT is forgotten');
    const grants = emu.requestsTo('/restapi/oauth/token').length;
    await vscode.commands.executeCommand(Commands.refresh);
    assert.equal(emu.requestsTo('/restapi/oauth/token').length, grants, 'nothing re-posts a dead credential');
    assert.equal(h.notifier.shown.filter((s) => s.startsWith('error: Signed out of RingCentral')).length, 1, 'said once');
  });
});
