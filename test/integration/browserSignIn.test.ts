import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { Commands, SettingKeys } from '../../src/ui/ids';
import type { Emulator } from '../emulator/api';
import { answerInputs, freshEmulator, hooks, restoreSettings, waitFor } from './support';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('browser sign-in (authorization code with PKCE, loopback redirect)', function () {
  this.timeout(60_000);
  let emu: Emulator | undefined;
  after(async () => {
    await emu?.close();
    await restoreSettings();
  });

  it('opens the authorize page, receives the code on 127.0.0.1 and signs in as a public app', async () => {
    const h = await hooks();
    emu = await freshEmulator(h);
    const port = await freePort();
    const config = vscode.workspace.getConfiguration();
    await config.update(SettingKeys.authFlow, 'authorizationCode', vscode.ConfigurationTarget.Global);
    await config.update(SettingKeys.redirectUri, `http://127.0.0.1:${port}/callback`, vscode.ConfigurationTarget.Global);
    await waitFor('settings', () => h.service.settings.authFlow === 'authorizationCode' && h.service.settings.redirectUri.includes(String(port)));
    const opened: string[] = [];
    const landed: number[] = [];
    // A scripted browser: follows RingCentral's redirect back to the extension's loopback listener.
    h.setBrowserOpener(async (url) => {
      opened.push(url);
      const approve = await fetch(url, { redirect: 'manual' });
      const back = await fetch(approve.headers.get('location') ?? '');
      landed.push(back.status);
      return true;
    });
    const done = vscode.commands.executeCommand(Commands.signIn);
    await answerInputs(h, [{ value: emu.publicApp.clientId }, { value: '', password: true }]);
    await done;
    const session = await h.service.session();
    assert.ok(session, h.notifier.shown.join('\n'));
    assert.equal(session.flow, 'authorizationCode');
    const authorize = new URL(opened[0] ?? '');
    assert.equal(authorize.pathname, '/restapi/oauth/authorize');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('redirect_uri'), `http://127.0.0.1:${port}/callback`);
    assert.ok((authorize.searchParams.get('state') ?? '').length >= 16);
    assert.deepEqual(landed, [200]);
    const exchange = emu.requestsTo('/restapi/oauth/token').at(-1);
    assert.equal(exchange?.grantType, 'authorization_code');
    assert.equal(exchange?.headers.authorization, undefined, 'a public app sends no client secret');
    assert.ok(new URLSearchParams(exchange?.body).get('code_verifier'));
    await waitFor('data', () => h.controller.model.data);
  });
});
