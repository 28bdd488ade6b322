import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, SettingKeys } from '../../src/ui/ids';
import type { TestHooks } from '../../src/ui/testHooks';
import type { Emulator } from '../emulator/api';
import { answerInputs, freshEmulator, hooks, restoreSettings, waitFor } from './support';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** True when something accepts connections on 127.0.0.1:port (the sign-in's listener, if still open). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}

/** The window's logs (our output channel among them), as written so far. */
function logText(h: TestHooks): string {
  const dir = path.dirname(path.dirname(h.logUri.fsPath));
  return filesUnder(dir)
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

describe('browser sign-in (authorization code with PKCE, loopback redirect)', function () {
  this.timeout(60_000);
  let emu: Emulator | undefined;
  let h: TestHooks;
  let port: number;
  let redirect: string;

  beforeEach(async () => {
    h = await hooks();
    await emu?.close();
    emu = await freshEmulator(h);
    port = await freePort();
    redirect = `http://127.0.0.1:${port}/callback`;
    const config = vscode.workspace.getConfiguration();
    await config.update(SettingKeys.authFlow, 'authorizationCode', vscode.ConfigurationTarget.Global);
    await config.update(SettingKeys.redirectUri, redirect, vscode.ConfigurationTarget.Global);
    await waitFor('settings', () => h.service.settings.authFlow === 'authorizationCode' && h.service.settings.redirectUri === redirect);
  });
  after(async () => {
    h.setBrowserOpener((url) => vscode.env.openExternal(vscode.Uri.parse(url, true)));
    await emu?.close();
    await restoreSettings();
  });

  /** Runs Sign In as a public (PKCE) app, typing the client id and an empty secret. */
  async function signIn(app: Emulator): Promise<void> {
    const done = vscode.commands.executeCommand(Commands.signIn);
    await answerInputs(h, [{ value: app.publicApp.clientId }, { value: '', password: true }]);
    await done;
  }

  it('opens the authorize page, receives the code on 127.0.0.1, signs in as a public app, and keeps code and verifier secret', async () => {
    const app = emu!;
    const opened: string[] = [];
    const landed: number[] = [];
    let code = '';
    // A scripted browser: follows RingCentral's redirect back to the extension's loopback listener.
    h.setBrowserOpener(async (url) => {
      opened.push(url);
      const approve = await fetch(url, { redirect: 'manual' });
      const location = approve.headers.get('location') ?? '';
      code = new URL(location).searchParams.get('code') ?? '';
      const back = await fetch(location);
      landed.push(back.status);
      return true;
    });
    await signIn(app);
    const session = await h.service.session();
    assert.ok(session, h.notifier.shown.join('\n'));
    assert.equal(session.flow, 'authorizationCode');
    const authorize = new URL(opened[0] ?? '');
    assert.equal(authorize.pathname, '/restapi/oauth/authorize');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('redirect_uri'), redirect);
    assert.ok((authorize.searchParams.get('state') ?? '').length >= 16);
    assert.deepEqual(landed, [200]);
    assert.equal(await listening(port), false, 'the listener closed after the redirect');
    const exchange = app.requestsTo('/restapi/oauth/token').at(-1);
    assert.equal(exchange?.grantType, 'authorization_code');
    assert.equal(exchange?.headers.authorization, undefined, 'a public app sends no client secret');
    const verifier = new URLSearchParams(exchange?.body).get('code_verifier') ?? '';
    assert.ok(verifier.length >= 43 && code.length > 10);
    // Code and verifier are registered secrets: any text shown through the redactor masks them.
    h.notifier.info(`probe ${code} ${verifier}`);
    const probe = h.notifier.shown.at(-1) ?? '';
    assert.ok(!probe.includes(code) && !probe.includes(verifier), probe);
    // The OAU-109/OAU-113 advice was given while the browser was open (the same text is in the progress notification).
    await waitFor('the redirect advice in the log', () => logText(h).includes(`add ${redirect} to the app's OAuth redirect URIs`));
    // Where this window runs decides how the redirect reaches it; say what the rig is, so the note can report it.
    const remote = vscode.env.remoteName ?? (vscode.env.uiKind === vscode.UIKind.Web ? 'web' : undefined);
    const external = await vscode.env.asExternalUri(vscode.Uri.parse(redirect));
    console.log(`    [rig] remoteName=${String(vscode.env.remoteName)} uiKind=${vscode.env.uiKind} asExternalUri(${redirect}) = ${external.toString(true)}`);
    if (remote !== undefined) {
      await waitFor('the remote-window note in the log', () => /port \d+ is forwarded to|This window runs on a remote machine/.test(logText(h)));
    }
  });

  it('a browser that does not open (openExternal false) ends the sign-in with what to do, and closes the listener', async () => {
    let opened = 0;
    h.setBrowserOpener(() => {
      opened++;
      return Promise.resolve(false);
    });
    await signIn(emu!);
    assert.equal(opened, 1);
    assert.equal(await h.service.session(), undefined);
    assert.match(h.notifier.shown.join('\n'), /did not open the RingCentral sign-in page.*Allow VS Code to open the link/);
    assert.equal(await listening(port), false, 'no listener left behind');
  });

  it('a browser that throws while opening: the same, and no listener left', async () => {
    h.setBrowserOpener(() => Promise.reject(new Error('xdg-open not found')));
    await signIn(emu!);
    assert.equal(await h.service.session(), undefined);
    assert.match(h.notifier.shown.join('\n'), /did not open the RingCentral sign-in page/);
    assert.equal(await listening(port), false);
  });

  it('a denial in the browser comes back as an error redirect: told, no session, listener closed', async () => {
    emu!.setAuthorizeOutcome('deny');
    const landed: number[] = [];
    h.setBrowserOpener(async (url) => {
      const approve = await fetch(url, { redirect: 'manual' });
      landed.push((await fetch(approve.headers.get('location') ?? '')).status);
      return true;
    });
    await signIn(emu!);
    assert.deepEqual(landed, [400]);
    assert.equal(await h.service.session(), undefined);
    assert.match(h.notifier.shown.join('\n'), /did not grant access \(access_denied/);
    assert.equal(await listening(port), false);
    emu!.setAuthorizeOutcome('approve');
  });

  it('a redirect URI the extension can never receive is refused before any browser opens', async () => {
    const bad = `http://192.168.7.7:${port}/callback`;
    await vscode.workspace.getConfiguration().update(SettingKeys.redirectUri, bad, vscode.ConfigurationTarget.Global);
    await waitFor('settings', () => h.service.settings.redirectUri === bad);
    let opened = 0;
    h.setBrowserOpener(() => {
      opened++;
      return Promise.resolve(true);
    });
    await signIn(emu!);
    assert.equal(opened, 0, 'no browser was opened');
    assert.match(h.notifier.shown.join('\n'), /not this machine.*ringcentral\.authorizationCode\.redirectUri/);
    assert.equal(emu!.requestsTo('/restapi/oauth/authorize').length, 0);
  });
});
