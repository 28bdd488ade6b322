import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestHooks } from '../../src/ui/testHooks';
import { Commands, EXTENSION_ID, SettingKeys, Views } from '../../src/ui/ids';
import type { Emulator, EmulatorOptions } from '../emulator/api';
import { startEmulator } from '../emulator/server';

export async function hooks(): Promise<TestHooks> {
  const ext = vscode.extensions.getExtension<TestHooks | undefined>(EXTENSION_ID);
  assert.ok(ext, 'extension loaded');
  const api = await ext.activate();
  assert.ok(api, 'test hooks: the extension host needs RINGCENTRAL_EXPLORER_TEST_HOOKS=1');
  return api;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
}

/** A fresh emulator, the extension pointed at it, signed out and with no stored credentials. */
export async function freshEmulator(h: TestHooks, options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ phoneNumbers: 40, ...options });
  await setUserSetting(SettingKeys.authFlow, 'jwt');
  await setUserSetting(SettingKeys.server, emu.url);
  await waitFor('the extension to use the emulator', () => h.service.settingsProblem === undefined && h.service.settings.server === emu.url);
  await h.service.forgetCredentials();
  h.controller.setFilter('');
  h.controller.users.setFilter('');
  h.notifier.shown.length = 0;
  return emu;
}

export async function restoreSettings(): Promise<void> {
  for (const key of Object.values(SettingKeys)) await setUserSetting(key, undefined);
}

/** Types each answer into the real input box the sign-in shows, checking title and step counter. */
export async function answerInputs(h: TestHooks, answers: { value: string; password?: boolean }[]): Promise<void> {
  let previous: vscode.InputBox | undefined;
  for (const [i, answer] of answers.entries()) {
    const box = await waitFor(`input box ${i + 1}`, () => {
      const b = h.activeInputBox();
      return b && b !== previous ? b : undefined;
    });
    previous = box;
    assert.equal(box.title, 'RingCentral: Sign In');
    assert.equal(box.step, i + 1);
    assert.equal(box.totalSteps, answers.length);
    assert.equal(box.password, answer.password === true, `step ${i + 1} hides its input: ${String(answer.password)}`);
    assert.equal(box.ignoreFocusOut, true);
    box.value = answer.value;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
}

/**
 * Signs in with the JWT flow through the input boxes, opens the RingCentral views (they load only when shown) and
 * waits for what they show to load. `show: false` signs in with the views left as they are.
 */
export async function signInWithJwt(h: TestHooks, emu: Emulator, options: { show?: boolean } = {}): Promise<void> {
  const done = vscode.commands.executeCommand(Commands.signIn);
  await answerInputs(h, [{ value: emu.app.clientId }, { value: emu.app.clientSecret, password: true }, { value: emu.jwt, password: true }]);
  await done;
  assert.ok(await h.service.session(), `signed in (notifications: ${h.notifier.shown.join(' | ')})`);
  if (options.show === false) return;
  await showViews();
  await waitForViews(h);
}

/** Opens the RingCentral views in the side bar. */
export async function showViews(): Promise<void> {
  await vscode.commands.executeCommand(`workbench.view.extension.${Views.container}`);
}

/** Waits until every visible RingCentral view has loaded what it shows. */
export async function waitForViews(h: TestHooks, timeoutMs?: number): Promise<void> {
  const { model, accountView, phones, users } = h.controller;
  await waitFor(
    'the views to load',
    () =>
      (!accountView.visible || (model.account.data !== undefined && !model.account.loading)) &&
      (!phones.visible || (model.phoneNumbers.data?.complete === true && !model.phoneNumbers.loading)) &&
      (!users.visible || (model.extensions.data?.complete === true && !model.extensions.loading && model.phoneNumbers.data?.complete === true)) &&
      (accountView.visible || phones.visible || users.visible),
    timeoutMs,
  );
}

export function phoneListRequests(emu: Emulator): Emulator['requests'] {
  return emu.requests.filter((r) => r.method === 'GET' && /^\/restapi\/v1\.0\/account\/[^/]+\/phone-number$/.test(r.path));
}
