import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, SettingKeys } from '../../src/ui/ids';
import type { Emulator } from '../emulator/api';
import { startEmulator } from '../emulator/server';
import { answerInputs, hooks, restoreSettings, signInWithJwt, waitFor } from './support';

const CANARY = {
  clientSecret: 'CANARY-client-secret-5d1f0e',
  jwt: 'eyJhbGciOiJub25lIn0.CANARY-jwt-77ab21.c2lnbmF0dXJl',
  password: 'CANARY-password-c0ffee',
};

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}

describe('canary secrets never leave SecretStorage', function () {
  this.timeout(120_000);
  let emu: Emulator;
  after(async () => {
    await emu?.close();
    await restoreSettings();
  });

  it('are absent from the log files, notifications, exports, snippets, settings and extension storage', async () => {
    const h = await hooks();
    emu = await startEmulator({ phoneNumbers: 60, passwordGrant: true, credentials: { clientSecret: CANARY.clientSecret, jwt: CANARY.jwt, password: CANARY.password } });
    await vscode.workspace.getConfiguration().update(SettingKeys.server, emu.url, vscode.ConfigurationTarget.Global);
    await waitFor('server', () => h.service.settingsProblem === undefined && h.service.settings.server === emu.url);
    await h.service.forgetCredentials();

    // A wrong password first (the canary password is the right one), then JWT sign-in, exports, a refresh,
    // a failing refresh and a call, so every path that writes something runs with the secrets in play.
    await vscode.workspace.getConfiguration().update(SettingKeys.authFlow, 'password', vscode.ConfigurationTarget.Global);
    await waitFor('flow', () => h.service.settings.authFlow === 'password');
    void vscode.commands.executeCommand(Commands.signIn);
    await answerInputs(h, [{ value: emu.app.clientId }, { value: CANARY.clientSecret, password: true }, { value: emu.user.username }, { value: '' }, { value: `${CANARY.password}-wrong`, password: true }]);
    await waitFor('wrong-password error', () => h.notifier.shown.some((s) => /password is wrong/.test(s)));
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.workspace.getConfiguration().update(SettingKeys.authFlow, 'jwt', vscode.ConfigurationTarget.Global);
    await waitFor('flow', () => h.service.settings.authFlow === 'jwt');
    await h.service.forgetCredentials();
    await signInWithJwt(h, emu);
    const session = await h.service.session();
    assert.ok(session?.refreshToken);

    const texts: string[] = [];
    for (const cmd of [Commands.exportPhoneNumbersJson, Commands.exportPhoneNumbersCsv, Commands.exportAccountJson]) {
      await vscode.commands.executeCommand(cmd);
      texts.push(vscode.window.activeTextEditor?.document.getText() ?? '');
    }
    texts.push(String(await vscode.commands.executeCommand(Commands.copyRequestCurl, '/restapi/v1.0/account/~')));
    texts.push(String(await vscode.commands.executeCommand(Commands.copyRequestPowerShell, '/restapi/v1.0/account/~/phone-number')));
    texts.push(await vscode.env.clipboard.readText());
    await vscode.commands.executeCommand(Commands.callApi, 'account/~/extension/~');
    texts.push(vscode.window.activeTextEditor?.document.getText() ?? '');
    emu.clock.advance(3600_000);
    emu.inject({ kind: 'status', status: 401, path: '/restapi/oauth/token' });
    await vscode.commands.executeCommand(Commands.refresh);
    await vscode.commands.executeCommand(Commands.refresh);
    const rotated = await h.service.session();
    texts.push(...h.notifier.shown);

    const logDir = path.dirname(path.dirname(h.logUri.fsPath)); // the window's log folder: exthost and output channels
    const logFiles = filesUnder(logDir);
    assert.ok(logFiles.some((f) => fs.readFileSync(f, 'utf8').includes('/restapi/v1.0/account/~/phone-number')), `our log channel is among ${logFiles.length} files under ${logDir}`);
    const stored = [...filesUnder(h.globalStorageUri.fsPath), ...(h.storageUri ? filesUnder(h.storageUri.fsPath) : [])];
    const settings = JSON.stringify(vscode.workspace.getConfiguration('ringcentral'));
    const haystacks: [string, string][] = [
      ...logFiles.map((f): [string, string] => [f, fs.readFileSync(f, 'utf8')]),
      ...stored.map((f): [string, string] => [f, fs.readFileSync(f, 'utf8')]),
      ...texts.map((t, i): [string, string] => [`text ${i}`, t]),
      ['settings', settings],
    ];
    const secrets = [CANARY.clientSecret, CANARY.jwt, CANARY.password, session.accessToken, session.refreshToken, rotated?.accessToken, rotated?.refreshToken].filter((s): s is string => !!s);
    for (const [where, text] of haystacks) {
      for (const secret of secrets) assert.equal(text.includes(secret), false, `a secret (${secret.slice(0, 10)}…) is in ${where}`);
    }
    assert.ok(haystacks.length > 10, `searched ${haystacks.length} places`);
  });
});
