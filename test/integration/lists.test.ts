/**
 * Lists as units in a real extension host: loading only what is shown, saying why a load waits, large groups in
 * parts, and lists kept on disk for the next window.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { KeptStore } from '../../src/core/cache/keptStore';
import { Commands, SettingKeys, Views } from '../../src/ui/ids';
import type { TestHooks } from '../../src/ui/testHooks';
import type { Emulator } from '../emulator/api';
import { freshEmulator, hooks, phoneListRequests, restoreSettings, showViews, signInWithJwt, waitFor, waitForViews } from './support';

const EXTENSION_LIST = /^\/restapi\/v1\.0\/account\/[^/]+\/extension$/;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function extensionListRequests(emu: Emulator): Emulator['requests'] {
  return emu.requests.filter((r) => r.method === 'GET' && EXTENSION_LIST.test(r.path));
}

function keptStore(h: TestHooks): KeptStore {
  return new KeptStore(path.join(h.globalStorageUri.fsPath, 'kept-lists'));
}

/** What a new window does: nothing on screen, then the views are shown. */
async function asInANewWindow(h: TestHooks): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await waitFor('views hidden', () => !h.controller.phones.visible && !h.controller.users.visible);
  h.controller.model.clear();
  await showViews();
}

describe('lists: loading that explains itself', function () {
  this.timeout(120_000);
  let emu: Emulator | undefined;
  afterEach(async () => {
    await vscode.commands.executeCommand(`${Views.users}.focus`);
    await emu?.close();
    emu = undefined;
  });
  after(() => restoreSettings());

  it('a window whose views are hidden loads nothing; each view loads its lists when first shown', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { phoneNumbers: 1500, extensions: 40 });
    // Signed out, so nothing loads: hide the Users view (its container must be open for that), then the side bar.
    await showViews();
    await vscode.commands.executeCommand(`${Views.users}.toggleVisibility`);
    await waitFor('the Users view hidden', () => !h.controller.users.visible);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor('the side bar closed', () => !h.controller.phones.visible && !h.controller.accountView.visible);
    await signInWithJwt(h, emu, { show: false });
    await sleep(1500);
    assert.equal(phoneListRequests(emu).length, 0, 'no phone-number request while hidden');
    assert.equal(extensionListRequests(emu).length, 0, 'no extension request while hidden');
    assert.equal(h.controller.model.phoneNumbers.data, undefined);

    // Phone Numbers shown, Users hidden: no users request before the Users view is shown.
    await showViews();
    await waitFor('Phone Numbers shown', () => h.controller.phones.visible);
    assert.equal(h.controller.users.visible, false);
    await waitForViews(h);
    await sleep(500);
    assert.equal(phoneListRequests(emu).length, 2, 'the numbers, once');
    assert.equal(extensionListRequests(emu).length, 0, 'no users request before the view is shown');

    await vscode.commands.executeCommand(`${Views.users}.toggleVisibility`);
    await waitFor('the Users view shown', () => h.controller.users.visible);
    await waitForViews(h);
    assert.equal(extensionListRequests(emu).length, 1, 'the extensions, once, when the Users view is shown');
    assert.equal(phoneListRequests(emu).length, 2, 'the Users view reuses the numbers loaded for Phone Numbers');
    assert.equal(h.controller.users.provider.counts().total, 40);
  });

  it('while the rate gate holds a page, the view, the notification and the status bar say why and for how long', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { phoneNumbers: 2500, limits: { Heavy: { limit: 1, windowMs: 6000, penaltyMs: 60_000 } } });
    await signInWithJwt(h, emu, { show: false });
    await showViews();
    const message = await waitFor('the wait message', () => {
      const m = h.controller.phones.view.message;
      return m && /waiting for RingCentral's rate limit/.test(m) && m;
    });
    assert.match(message, /^Loading page 2 of 3 \(1,000 numbers so far\), waiting for RingCentral's rate limit \(Heavy, 1 per 6 s\): next page in \d s\.$/);
    assert.match(h.controller.statusBar.item.text, /Phone Numbers, rate limit Heavy \d s/);
    assert.match(h.controller.statusBar.item.tooltip as string, /Loading Phone Numbers: waiting for RingCentral's rate limit \(Heavy, 1 per 6 s\): next page in \d s\./);
    assert.deepEqual(h.controller.waitNotifications.showing, ['Phone Numbers'], 'a progress notification for the held load');
    // The countdown moves.
    const first = Number(/next page in (\d) s/.exec(message)?.[1]);
    await waitFor('the countdown to move', () => {
      const m = /next page in (\d) s/.exec(h.controller.phones.view.message ?? '');
      return m && Number(m[1]) < first;
    });
    assert.ok(h.controller.phoneTree.counts().total >= 1000, 'the pages received are shown meanwhile');
    await waitForViews(h, 30_000);
    assert.equal(h.controller.phoneTree.counts().total, 2500);
    assert.equal(h.controller.phones.view.message, undefined);
    assert.deepEqual(h.controller.waitNotifications.showing, []);
    assert.doesNotMatch(h.controller.statusBar.item.text, /rate limit/);
    assert.equal(phoneListRequests(emu).filter((r) => r.status === 429).length, 0, 'held, never refused');
  });

  it('a group of thousands shows the first rows and "Show more"; the filter searches all of them', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { phoneNumbers: 3000 });
    await signInWithJwt(h, emu);
    const tree = h.controller.phoneTree;
    const direct = tree.groups().find((g) => g.group.key === 'DirectNumber')!;
    const expected = emu.data.phoneNumbers.filter((n) => n['usageType'] === 'DirectNumber');
    assert.ok(expected.length > 1500);
    let children = tree.getChildren(direct);
    assert.equal(children.length, 501);
    const more = children[500]!;
    assert.ok(more.kind === 'more');
    const item = tree.getTreeItem(more);
    assert.equal(item.label, 'Show 500 more');
    assert.equal(item.description, `500 of ${expected.length.toLocaleString('en-US')} shown`);
    assert.equal(item.command?.command, Commands.showMore);
    await vscode.commands.executeCommand(Commands.showMore, ...((item.command?.arguments ?? []) as unknown[]));
    children = tree.getChildren(direct);
    assert.equal(children.filter((c) => c.kind === 'row').length, 1000);
    assert.deepEqual(
      children.flatMap((c) => (c.kind === 'row' ? [c.row.id] : [])),
      expected.slice(0, 1000).map((n) => n['id']),
      'in server order',
    );
    const last = expected.at(-1)!;
    await vscode.commands.executeCommand(Commands.filterPhoneNumbers, String(last['phoneNumber']));
    const found = tree.groups().find((g) => g.group.key === 'DirectNumber');
    assert.deepEqual(found?.group.rows.map((n) => n.id), [last['id']], 'the last of thousands is found');
    await vscode.commands.executeCommand(Commands.clearFilter);
  });

  it('keeps each list on disk: a new window shows it at once with its age and sends nothing; Refresh and age load again; Sign Out deletes it', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { phoneNumbers: 1200, extensions: 50 });
    await signInWithJwt(h, emu);
    const session = (await h.service.session())!;
    const scope = { server: emu.url, owner: session.ownerId ?? '' };
    const store = keptStore(h);
    for (const name of ['phoneNumbers', 'users', 'account']) {
      const file = store.fileOf(scope, name);
      await waitFor(`${name} kept`, () => fs.existsSync(file));
      const text = fs.readFileSync(file, 'utf8');
      for (const secret of [session.accessToken, session.refreshToken, emu.app.clientSecret, emu.jwt]) {
        if (secret) assert.equal(text.includes(secret), false, `${name}: no secret on disk`);
      }
    }
    assert.ok(store.fileOf(scope, 'x').startsWith(h.globalStorageUri.fsPath), 'global storage, not the workspace');

    // A new window within the age limit: everything from disk, nothing sent.
    emu.clearRequests();
    await asInANewWindow(h);
    await waitForViews(h);
    const { phoneNumbers, extensions, account } = h.controller.model;
    assert.equal(phoneNumbers.data?.source, 'kept');
    assert.equal(extensions.data?.source, 'kept');
    assert.equal(account.data?.source, 'kept');
    assert.deepEqual(phoneNumbers.data?.records, emu.data.phoneNumbers, 'every record as received, in order');
    assert.deepEqual(extensions.data?.records, emu.data.extensions);
    assert.equal(emu.requests.filter((r) => r.path.startsWith('/restapi/v1.0/')).length, 0, 'no request sent');
    assert.match(String(h.controller.phones.view.description), /^as of \d/);
    assert.equal(h.controller.phones.view.title, 'Phone Numbers (1,200)');
    assert.equal(h.controller.users.view.title, 'Users (50)');

    // Exports of a kept list are the whole list, as kept.
    await vscode.commands.executeCommand(Commands.exportPhoneNumbersJson);
    const exported = await waitFor('export', () => vscode.window.activeTextEditor?.document.languageId === 'json' && vscode.window.activeTextEditor.document.getText());
    assert.deepEqual(JSON.parse(exported), emu.data.phoneNumbers);
    assert.equal(emu.requests.filter((r) => r.path.startsWith('/restapi/v1.0/')).length, 0, 'still nothing sent');

    // Refresh always asks RingCentral.
    await vscode.commands.executeCommand(Commands.refresh);
    assert.equal(phoneListRequests(emu).length, 2);
    assert.equal(extensionListRequests(emu).length, 1);
    assert.equal(phoneNumbers.data?.source, 'server');

    // Older than the setting allows: shown at once, then loaded again.
    await vscode.workspace.getConfiguration().update(SettingKeys.listMaxAgeMinutes, 0, vscode.ConfigurationTarget.Global);
    await sleep(50);
    emu.clearRequests();
    const seen: (string | undefined)[] = [];
    const watch = phoneNumbers.onDidChange(() => {
      if (seen.at(-1) !== phoneNumbers.data?.source) seen.push(phoneNumbers.data?.source);
    });
    await asInANewWindow(h);
    await waitFor('loaded again', () => phoneNumbers.data?.source === 'server' && extensions.data?.source === 'server' && !phoneNumbers.loading);
    watch.dispose();
    assert.deepEqual(seen.filter((x) => x !== undefined), ['kept', 'server'], 'the kept copy at once, then the new one in its place');
    assert.equal(phoneListRequests(emu).length, 2);
    await vscode.workspace.getConfiguration().update(SettingKeys.listMaxAgeMinutes, undefined, vscode.ConfigurationTarget.Global);

    // Sign Out deletes what was kept for the server.
    await vscode.commands.executeCommand(Commands.signOut);
    await waitFor('kept lists deleted', () => !fs.existsSync(store.serverDir(emu!.url)));
  });

  it('Forget Credentials deletes what was kept for the server', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { phoneNumbers: 30, extensions: 20 });
    await signInWithJwt(h, emu);
    const store = keptStore(h);
    const session = (await h.service.session())!;
    await waitFor('kept', () => fs.existsSync(store.fileOf({ server: emu!.url, owner: session.ownerId ?? '' }, 'users')));
    await h.service.forgetCredentials();
    await waitFor('kept lists deleted', () => !fs.existsSync(store.serverDir(emu!.url)));
    assert.equal(h.controller.model.phoneNumbers.data, undefined, 'and the views are cleared');
  });

  it('with keeping turned off, nothing is written and what was kept is deleted', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { phoneNumbers: 30, extensions: 20 });
    await signInWithJwt(h, emu);
    const store = keptStore(h);
    await waitFor('kept', () => fs.existsSync(store.serverDir(emu!.url)));
    await vscode.workspace.getConfiguration().update(SettingKeys.keepListsOnDisk, false, vscode.ConfigurationTarget.Global);
    await waitFor('deleted when turned off', () => !fs.existsSync(store.dir));
    await vscode.commands.executeCommand(Commands.refresh);
    await sleep(300);
    assert.equal(fs.existsSync(store.dir), false, 'a load writes nothing');
    await vscode.workspace.getConfiguration().update(SettingKeys.keepListsOnDisk, undefined, vscode.ConfigurationTarget.Global);
  });
});
