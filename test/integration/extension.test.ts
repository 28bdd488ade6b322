import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, SettingKeys, Views } from '../../src/ui/ids';
import { SecretSessionStore } from '../../src/core/auth/secretSessionStore';
import { Redactor } from '../../src/core/redact';
import type { Emulator } from '../emulator/api';
import { answerInputs, freshEmulator, hooks, phoneListRequests, restoreSettings, signInWithJwt, waitFor } from './support';

interface Manifest {
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]>; configuration: { properties: Record<string, unknown> } };
}
const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

describe('RingCentral Explorer in a real extension host', function () {
  this.timeout(90_000);
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });
  after(() => restoreSettings());

  it('activates, and every contributed command is registered by the code', async () => {
    const h = await hooks();
    const all = await vscode.commands.getCommands(true);
    const contributed = manifest.contributes.commands.map((c) => c.command);
    for (const id of contributed) assert.ok(all.includes(id), `${id} registered`);
    assert.deepEqual([...h.registeredCommands].sort(), [...contributed].sort());
    assert.deepEqual(manifest.contributes.views.ringcentral?.map((v) => v.id), [Views.account, Views.phoneNumbers, Views.users]);
    for (const key of Object.values(SettingKeys)) assert.notEqual(vscode.workspace.getConfiguration().inspect(key)?.defaultValue, undefined, key);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('signs in with JWT through the input boxes; the session is in SecretStorage and survives a new provider', async () => {
    const h = await hooks();
    emu = await freshEmulator(h);
    await signInWithJwt(h, emu);
    const session = await h.service.session();
    assert.ok(session);
    assert.equal(session.flow, 'jwt');
    assert.ok(session.accessTokenExpiresAt > Date.now() + 50 * 60_000, 'absolute expiry stored');
    // A second store on the same SecretStorage (a restart, another window) reads the same session.
    const again = await new SecretSessionStore(h.secrets, emu.url, new Redactor()).read();
    assert.equal(again?.session?.accessToken, session.accessToken);
    // The Accounts menu sees it through the registered AuthenticationProvider.
    const [auth] = await h.authProvider.getSessions([]);
    assert.equal(auth?.accessToken, session.accessToken);
    assert.match(auth?.account.label ?? '', /ext\. \d+/, 'the Accounts menu shows who is signed in');
    // Signing in again later asks nothing: the credentials are stored.
    await h.service.signOut();
    await vscode.commands.executeCommand(Commands.signIn);
    assert.ok(await h.service.session(), 'second sign-in needed no input');
    assert.equal(emu.requestsTo('/restapi/oauth/token').filter((r) => r.status === 200).length, 2);
  });

  it('fills the views: account rows, 2,500 numbers over 3 pages grouped by usage type, totals in the title', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { phoneNumbers: 2500 });
    await signInWithJwt(h, emu);
    assert.equal(phoneListRequests(emu).length, 3);
    const rows = h.controller.accountTree.rows();
    const value = (key: string): string | undefined => rows.find((r) => r.key === key)?.value;
    const account = emu.data.account as { id: unknown; mainNumber: string };
    assert.equal(value('id'), String(account.id));
    assert.equal(value('mainNumber'), account.mainNumber);
    assert.match(value('user') ?? '', /ext\. \d+/);
    assert.ok(value('session'));
    // Usage-type groups, then "Unassigned Numbers" (numbers without extension, again by usage type).
    const groups = h.controller.phoneTree.groups();
    const usageGroups = groups.filter((g) => !g.group.subgroups);
    const total = usageGroups.reduce((n, g) => n + g.group.rows.length, 0);
    assert.equal(total, 2500);
    const expected = new Map<string, number>();
    for (const n of emu.data.phoneNumbers) expected.set(String(n.usageType), (expected.get(String(n.usageType)) ?? 0) + 1);
    assert.equal(usageGroups.length, expected.size);
    for (const g of usageGroups) {
      assert.equal(g.group.rows.length, expected.get(g.group.key), g.group.key);
      assert.equal(h.controller.phoneTree.getTreeItem(g).description, g.group.rows.length.toLocaleString('en-US'));
    }
    const unassigned = groups.at(-1)!;
    assert.equal(unassigned.group.label, 'Unassigned Numbers');
    assert.equal(unassigned.size, emu.data.phoneNumbers.filter((n) => n.extension === undefined).length);
    assert.equal(h.controller.phoneView.title, 'Phone Numbers (2,500)');
    const first = groups[0]!;
    const [firstRow] = h.controller.phoneTree.getChildren(first);
    assert.ok(firstRow?.kind === 'row');
    const item = h.controller.phoneTree.getTreeItem(firstRow);
    assert.equal(item.label, first.group.rows[0]!.phoneNumber);
    assert.ok(item.tooltip instanceof vscode.MarkdownString && item.tooltip.value.includes('usageType'));
    // the filter narrows the list and says so
    const label = emu.data.phoneNumbers.find((n) => typeof n.label === 'string' && /^[A-Za-z ]+$/.test(n.label))?.label as string;
    await vscode.commands.executeCommand(Commands.filterPhoneNumbers, label);
    const shown = h.controller.phoneTree.counts().shown;
    assert.ok(shown > 0 && shown < 2500);
    assert.match(String(h.controller.phoneView.description), /of 2,500/);
    await vscode.commands.executeCommand(Commands.clearFilter);
    assert.equal(h.controller.phoneTree.counts().shown, 2500);
  });

  it('exports phone numbers as JSON and CSV and the account as JSON, record by record', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { phoneNumbers: 1200 });
    await signInWithJwt(h, emu);
    await vscode.commands.executeCommand(Commands.exportPhoneNumbersJson);
    let editor = await waitFor('JSON editor', () => vscode.window.activeTextEditor?.document.languageId === 'json' && vscode.window.activeTextEditor);
    assert.equal(editor.document.uri.scheme, 'untitled');
    assert.match(editor.document.uri.path, /^phone-numbers(-\d+)?\.json$/, 'the tab says what it holds');
    const exported = JSON.parse(editor.document.getText()) as Record<string, unknown>[];
    assert.equal(exported.length, 1200);
    for (const [i, record] of exported.entries()) {
      assert.deepEqual(Object.keys(record), Object.keys(emu.data.phoneNumbers[i]!), `field order of record ${i}`);
      assert.deepEqual(record, emu.data.phoneNumbers[i]);
    }
    await vscode.commands.executeCommand(Commands.exportPhoneNumbersCsv);
    editor = await waitFor('CSV editor', () => vscode.window.activeTextEditor?.document.languageId === 'csv' && vscode.window.activeTextEditor);
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF, 'RFC 4180 line ends');
    const lines = editor.document.getText().split('\r\n');
    const header = lines[0]!.split(',');
    assert.deepEqual(header.slice(0, 2), ['id', 'phoneNumber']);
    const rows = lines.slice(1).filter((l) => l !== '');
    assert.ok(rows.length >= 1200, 'one row per record (quoted newlines may add lines)');
    for (const n of emu.data.phoneNumbers.slice(0, 50)) assert.ok(editor.document.getText().includes(`${String(n.id)},${String(n.phoneNumber)}`), String(n.id));
    await vscode.commands.executeCommand(Commands.exportAccountJson);
    editor = await waitFor('account JSON', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.languageId === 'json' && e.document.getText().includes('serviceInfo') && e;
    });
    assert.deepEqual(JSON.parse(editor.document.getText()), emu.data.account);
  });

  it('refreshes once when the emulator clock passes token expiry', async () => {
    const h = await hooks();
    emu = await freshEmulator(h);
    await signInWithJwt(h, emu);
    emu.clock.advance(3600_000 + 1000);
    await vscode.commands.executeCommand(Commands.refresh);
    assert.equal(emu.requestsTo('/restapi/oauth/token').filter((r) => r.grantType === 'refresh_token').length, 1);
    const { account, phoneNumbers, extensions } = h.controller.model;
    assert.deepEqual([account.error, phoneNumbers.error, extensions.error], [undefined, undefined, undefined]);
  });

  it('a fault during refresh keeps the views and the session, and says so', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { phoneNumbers: 30 });
    await signInWithJwt(h, emu);
    const { account, phoneNumbers } = h.controller.model;
    const before = phoneNumbers.data;
    const accountBefore = account.data;
    emu.inject({ kind: 'status', status: 503, path: /phone-number$/, times: 10 });
    emu.inject({ kind: 'status', status: 503, path: /account\/~$/, times: 10 });
    await vscode.commands.executeCommand(Commands.refresh);
    assert.equal(phoneNumbers.data, before, 'last good numbers kept');
    assert.equal(account.data, accountBefore, 'last good account kept');
    assert.equal(h.controller.phoneTree.counts().total, 30);
    assert.ok(h.controller.accountTree.rows().some((r) => r.key === 'stale'));
    assert.match(String(h.controller.phoneView.message), /Refresh failed/);
    assert.equal(h.controller.model.extensions.error, undefined, 'the Users list, another endpoint, refreshed');
    assert.ok(await h.service.session(), 'session kept');
    assert.ok(h.notifier.shown.some((s) => /Refresh failed/.test(s) && /temporarily unavailable|Try again/.test(s)), h.notifier.shown.join('\n'));
  });

  it('shows a rate-limit penalty and sends nothing during it', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { phoneNumbers: 10, limits: { Heavy: { limit: 2, windowMs: 60_000, penaltyMs: 3000 } } });
    await signInWithJwt(h, emu);
    // Sign-in's load spent one of two; another client spends the other: our next list request meets a 429.
    const token = (await h.service.session())?.accessToken ?? '';
    await fetch(`${emu.url}/restapi/v1.0/account/~/phone-number`, { headers: { Authorization: `Bearer ${token}` } });
    const refreshing = vscode.commands.executeCommand(Commands.refresh);
    await waitFor('the status bar warning', () => /rate limited until/.test(h.controller.statusBar.item.text));
    await refreshing;
    const list = phoneListRequests(emu);
    const rejected = list.filter((r) => r.status === 429);
    assert.equal(rejected.length, 1);
    const next = list[list.indexOf(rejected[0]!) + 1];
    assert.ok(next && next.at - rejected[0]!.at >= 2990, 'waited out the penalty');
    assert.equal(h.controller.model.phoneNumbers.error, undefined);
  });

  it('sign-out revokes on the server, deletes the stored tokens and clears the views and status bar', async () => {
    const h = await hooks();
    emu = await freshEmulator(h);
    await signInWithJwt(h, emu);
    await vscode.commands.executeCommand(Commands.signOut);
    assert.equal(emu.requestsTo('/restapi/oauth/revoke').length, 1);
    assert.equal(emu.liveSessions(), 0);
    assert.equal((await new SecretSessionStore(h.secrets, emu.url, new Redactor()).read())?.session, undefined, "no session left in SecretStorage, only the sign-out marker");
    await waitFor('views cleared', () => h.controller.model.account.data === undefined && h.controller.model.phoneNumbers.data === undefined && h.controller.model.extensions.data === undefined);
    assert.equal(h.controller.statusBar.item.text, '$(sign-in) RingCentral');
    assert.equal(h.controller.phoneTree.counts().total, 0);
    assert.equal(h.controller.accountTree.rows().length, 0);
  });

  it('password refused by the server ends with the JWT hint and a Switch to JWT fix', async () => {
    const h = await hooks();
    emu = await freshEmulator(h);
    await vscode.workspace.getConfiguration().update(SettingKeys.authFlow, 'password', vscode.ConfigurationTarget.Global);
    await waitFor('flow setting', () => h.service.settings.authFlow === 'password');
    const done = vscode.commands.executeCommand(Commands.signIn);
    await answerInputs(h, [{ value: emu.app.clientId }, { value: emu.app.clientSecret, password: true }, { value: emu.user.username }, { value: '' }, { value: emu.user.password, password: true }]);
    await waitFor('the error', () => h.notifier.shown.find((s) => s.startsWith('error:')));
    const shown = h.notifier.shown.find((s) => s.startsWith('error:')) ?? '';
    assert.match(shown, /no longer accepts password sign-in/);
    assert.match(shown, /JWT/);
    assert.equal(await h.service.session(), undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
    void done;
  });

  it('refuses a server URL that would send credentials over plain http to another host', async () => {
    const h = await hooks();
    await vscode.workspace.getConfiguration().update(SettingKeys.server, 'http://platform.example.com', vscode.ConfigurationTarget.Global);
    await waitFor('the settings problem', () => h.service.settingsProblem);
    assert.match(h.service.settingsProblem?.message ?? '', /not secure/);
    await vscode.workspace.getConfiguration().update(SettingKeys.server, undefined, vscode.ConfigurationTarget.Global);
    await waitFor('default server', () => h.service.settingsProblem === undefined && h.service.settings.server === 'https://platform.ringcentral.com');
  });
});
