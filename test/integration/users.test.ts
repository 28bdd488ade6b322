/**
 * The Users view in a real extension host, against the emulator: groups and counts, the join record by record,
 * the three exports, the filter, and reveal between users and numbers.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { UserWithNumbers } from '../../src/core/lists/usersWithNumbers';
import { Commands } from '../../src/ui/ids';
import type { ListNode, RowNode } from '../../src/ui/views/listTree';
import type { Emulator } from '../emulator/api';
import { parseCsv } from '../unit/csvReader';
import { freshEmulator, hooks, restoreSettings, signInWithJwt, waitFor } from './support';

type Rec = Record<string, unknown>;

/** A scalar field as text; absent (or not a scalar) is ''. */
function str(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

const TYPE_GROUPS: Record<string, string> = { User: 'Users', Department: 'Call Queues', IvrMenu: 'IVR Menus', SharedLinesGroup: 'Shared Lines Groups' };

/** The emulator's numbers of an extension, in its list's order. */
function numbersOf(emu: Emulator, id: unknown): Rec[] {
  return emu.data.phoneNumbers.filter((n) => (n['extension'] as Rec | undefined)?.['id'] === id);
}

/** Every row of the Users view, through the tree as the workbench reads it, "Show more" clicked until all are shown. */
function allRows(tree: { getChildren(n?: ListNode<UserWithNumbers>): ListNode<UserWithNumbers>[] }): RowNode<UserWithNumbers>[] {
  const rows: RowNode<UserWithNumbers>[] = [];
  const walk = (node?: ListNode<UserWithNumbers>): void => {
    for (;;) {
      const children = tree.getChildren(node);
      const more = children.find((c) => c.kind === 'more');
      if (more?.kind === 'more') {
        more.tree.showMore(more);
        continue;
      }
      for (const c of children) {
        if (c.kind === 'row') rows.push(c);
        else if (c.kind === 'group') walk(c);
      }
      return;
    }
  };
  walk();
  return rows;
}

async function activeText(what: string, language: string, name: RegExp): Promise<string> {
  const editor = await waitFor(what, () => {
    const e = vscode.window.activeTextEditor;
    return e?.document.languageId === language && name.test(e.document.uri.path) && e;
  });
  return editor.document.getText();
}

describe('the Users view', function () {
  this.timeout(120_000);
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });
  after(() => restoreSettings());

  it('shows every extension grouped by type with counts, each with its numbers joined record by record', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { extensions: 80, phoneNumbers: 700 });
    await signInWithJwt(h, emu);
    const { users } = h.controller;
    assert.equal(users.view.title, 'Users (80)');
    const expected = new Map<string, number>();
    for (const e of emu.data.extensions) expected.set(String(e['type']), (expected.get(String(e['type'])) ?? 0) + 1);
    const groups = users.provider.groups();
    assert.deepEqual(new Map(groups.map((g) => [g.group.key, g.size])), expected, 'one group per type, with its count');
    assert.equal(groups[0]?.group.label, 'Users', 'users first');
    for (const g of groups) {
      if (TYPE_GROUPS[g.group.key]) assert.equal(g.group.label, TYPE_GROUPS[g.group.key]);
      assert.equal(users.provider.getTreeItem(g).description, g.size.toLocaleString('en-US'));
    }
    const rows = allRows(users.provider);
    assert.equal(rows.length, 80);
    const byId = new Map(rows.map((r) => [String(r.row.extension.id), r]));
    let withNumbers = 0;
    let without = 0;
    for (const e of emu.data.extensions) {
      const row = byId.get(String(e['id']));
      assert.ok(row, `extension ${String(e['id'])} is shown`);
      assert.deepEqual(row.row.extension, e, 'the server’s record, every field');
      const mine = numbersOf(emu, e['id']);
      assert.deepEqual(row.row.numbers.map((n) => n.id), mine.map((n) => n['id']), `the numbers of ${String(e['name'])}`);
      if (mine.length > 0) withNumbers++;
      else without++;
      const item = users.provider.getTreeItem(row);
      const description = String(item.description);
      if (e['extensionNumber']) assert.ok(description.includes(`ext. ${str(e['extensionNumber'])}`), description);
      const email = (e['contact'] as Rec | undefined)?.['email'];
      if (email) assert.ok(description.includes(str(email)), description);
      if (e['status'] === 'Disabled') assert.match(description, /disabled/);
      if (e['status'] === 'NotActivated') assert.match(description, /not activated/);
      const direct = mine.filter((n) => n['usageType'] === 'DirectNumber');
      const primary = direct.find((n) => n['primary'] === true) ?? direct[0] ?? mine[0];
      if (primary) assert.ok(description.includes(String(primary['phoneNumber'])), `${description} shows ${String(primary['phoneNumber'])}`);
      assert.ok(item.tooltip instanceof vscode.MarkdownString);
      for (const n of mine) assert.ok(item.tooltip.value.includes(String(n['phoneNumber']).replace('+', '\\+')), 'every number in the tooltip');
      assert.ok(item.tooltip.value.includes('type'), 'the record’s fields in the tooltip');
    }
    assert.ok(withNumbers > 10 && without > 3, `both kinds present (${withNumbers} with numbers, ${without} without)`);
    assert.ok(emu.data.extensions.some((e) => e['status'] === 'Disabled') && emu.data.extensions.some((e) => e['status'] === 'NotActivated'));
  });

  it('exports Users as JSON and CSV, and Users with Numbers as CSV, equal to the emulator’s data', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { extensions: 1300, phoneNumbers: 2600 });
    await signInWithJwt(h, emu);
    const requestsBefore = emu.requests.length;

    const texts: string[] = [];
    await vscode.commands.executeCommand(Commands.exportUsersJson);
    texts.push(await activeText('users.json', 'json', /^users(-\d+)?\.json$/));
    const json = JSON.parse(texts[0]!) as Rec[];
    assert.equal(json.length, 1300);
    for (const [i, record] of json.entries()) {
      assert.deepEqual(Object.keys(record), Object.keys(emu.data.extensions[i]!), `field order of record ${i}`);
      assert.deepEqual(record, emu.data.extensions[i]);
    }

    await vscode.commands.executeCommand(Commands.exportUsersCsv);
    texts.push(await activeText('users.csv', 'csv', /^users(-\d+)?\.csv$/));
    const csv = parseCsv(texts[1]!);
    assert.deepEqual(csv[0]?.slice(0, 5), ['id', 'extensionNumber', 'name', 'type', 'status']);
    assert.equal(csv.length, 1301);
    assert.ok(csv[0]?.at(-1)?.endsWith('uri'), 'API links last');
    for (const [i, e] of emu.data.extensions.entries()) {
      const row = csv[i + 1]!;
      assert.equal(row[0], String(e['id']));
      assert.equal(row[1], str(e['extensionNumber']));
      const name = String(e['name']);
      assert.equal(row[2], /^[=+\-@]/.test(name) ? `'${name}` : name, 'names as sent, formulas defused');
    }

    await vscode.commands.executeCommand(Commands.exportUsersWithNumbersCsv);
    texts.push(await activeText('users-with-numbers.csv', 'csv', /^users-with-numbers(-\d+)?\.csv$/));
    const sync = parseCsv(texts[2]!);
    assert.deepEqual(sync[0], ['Id', 'Name', 'Email', 'ExtensionNumber', 'Type', 'Status', 'Department', 'DirectNumbers', 'OtherNumbers']);
    assert.equal(sync.length, 1301, 'one row per extension');
    for (const [i, e] of emu.data.extensions.entries()) {
      const mine = numbersOf(emu, e['id']);
      const direct = mine.filter((n) => n['usageType'] === 'DirectNumber');
      const ordered = [...direct.filter((n) => n['primary'] === true), ...direct.filter((n) => n['primary'] !== true)];
      const contact = (e['contact'] ?? {}) as Rec;
      const name = String(e['name']);
      assert.deepEqual(
        sync[i + 1],
        [
          String(e['id']),
          /^[=+\-@]/.test(name) ? `'${name}` : name,
          str(contact['email']),
          str(e['extensionNumber']),
          String(e['type']),
          String(e['status']),
          str(contact['department']),
          ordered.map((n) => n['phoneNumber']).join(';'),
          mine.filter((n) => n['usageType'] !== 'DirectNumber').map((n) => n['phoneNumber']).join(';'),
        ],
        `row of ${name}`,
      );
    }
    assert.ok(sync.some((r) => (r[7] ?? '').includes(';')), 'someone has several direct numbers, in one cell');
    assert.equal(emu.requests.length, requestsBefore, 'exports of loaded lists send nothing');
    const session = (await h.service.session())!;
    for (const secret of [session.accessToken, session.refreshToken, emu.app.clientSecret, emu.jwt]) {
      for (const text of texts) if (secret) assert.equal(text.includes(secret), false, 'no secret in an export');
    }
  });

  it('filters by name, email, extension number or number', async () => {
    const h = await hooks();
    emu = await freshEmulator(h, { extensions: 60, phoneNumbers: 400 });
    await signInWithJwt(h, emu);
    const { users } = h.controller;
    const target = emu.data.extensions.find((e) => e['type'] === 'User' && numbersOf(emu!, e['id']).length > 0 && /^[A-Za-z]+ [A-Za-z]+$/.test(String(e['name'])))!;
    assert.ok(target);
    const number = String(numbersOf(emu, target['id'])[0]!['phoneNumber']);
    const email = String((target['contact'] as Rec)['email']);
    const shownIds = (): string[] => allRows(users.provider).map((r) => String(r.row.extension.id));
    for (const text of [String(target['name']).toUpperCase(), email, String(target['extensionNumber']), `(${number.slice(2, 5)}) ${number.slice(5, 8)}-${number.slice(8)}`]) {
      await vscode.commands.executeCommand(Commands.filterUsers, text);
      assert.ok(shownIds().includes(String(target['id'])), `“${text}” finds ${String(target['name'])}`);
      assert.ok(users.provider.counts().shown < 60, `“${text}” narrows the list`);
      assert.match(String(users.view.description), /of 60/);
    }
    await vscode.commands.executeCommand(Commands.filterUsers, 'no such person anywhere');
    assert.equal(users.provider.counts().shown, 0);
    assert.equal(users.view.message, 'No extension matches the filter.');
    await vscode.commands.executeCommand(Commands.clearUsersFilter);
    assert.equal(users.provider.counts().shown, 60);
    assert.equal(users.view.message, undefined);
  });

  it('reveals a number’s user, and a user’s number, across the two views', async () => {
    const h = await hooks();
    // Many extensions for the numbers: several with exactly one number, which Reveal Number shows without asking.
    emu = await freshEmulator(h, { extensions: 800, phoneNumbers: 1500 });
    await signInWithJwt(h, emu);
    const { users, phones } = h.controller;
    // A direct number far down its group (beyond the first "Show more"), assigned to someone.
    const direct = emu.data.phoneNumbers.filter((n) => n['usageType'] === 'DirectNumber');
    const far = direct.slice(600).find((n) => n['extension'] !== undefined)!;
    const node = phones.provider.nodeFor(String(far['id']));
    assert.ok(node, 'the number is in the tree');
    assert.equal(await vscode.commands.executeCommand(Commands.revealUser, node), true);
    const owner = (far['extension'] as Rec)['id'];
    await waitFor('the user selected', () => users.view.selection[0]?.kind === 'row' && users.view.selection[0].row.extension.id === owner);
    assert.equal(users.view.visible, true);

    const single = emu.data.extensions.find((e) => numbersOf(emu!, e['id']).length === 1)!;
    const userNode = users.provider.nodeFor(String(single['id']));
    assert.ok(userNode);
    assert.equal(await vscode.commands.executeCommand(Commands.revealNumber, userNode), true);
    const expected = numbersOf(emu, single['id'])[0]!['id'];
    await waitFor('the number selected', () => phones.view.selection[0]?.kind === 'row' && phones.view.selection[0].row.id === expected);

    // A filter that hides the target is cleared rather than revealing nothing.
    await vscode.commands.executeCommand(Commands.filterPhoneNumbers, 'zzz-matches-nothing');
    assert.equal(await vscode.commands.executeCommand(Commands.revealNumber, userNode), true);
    assert.equal(phones.filter, '');
    await waitFor('the number selected again', () => phones.view.selection[0]?.kind === 'row' && phones.view.selection[0].row.id === expected);
  });
});
