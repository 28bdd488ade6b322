import * as vscode from 'vscode';
import { extensionList as list } from '../../core/lists/extensionList';
import { directNumbersOf, type UserWithNumbers } from '../../core/lists/usersWithNumbers';
import { Commands, ContextKeys, ContextValues, Views } from '../ids';
import type { ExplorerModel } from '../model/explorerModel';
import { listMessage } from '../model/listMessage';
import { recordTooltip } from './format';
import { groupRows } from './listGroups';
import type { ListTreeSpec } from './listTree';
import type { ListViewDefinition } from './listViewDefinition';

/** Type icons, so that a call queue does not look like a person. */
const TYPE_ICONS: Readonly<Record<string, string>> = {
  User: 'person',
  Department: 'organization',
  IvrMenu: 'list-tree',
  SharedLinesGroup: 'link',
  DelegatedLinesGroup: 'link',
  VirtualUser: 'person',
  DigitalUser: 'person',
  FlexibleUser: 'person',
  FaxUser: 'file-media',
  Limited: 'device-desktop',
  Announcement: 'megaphone',
  Voicemail: 'mail',
  ParkLocation: 'debug-pause',
  PagingOnly: 'broadcast',
};

/** Statuses that need an admin's eye, with the icon that says so; "Enabled" uses the type's icon. */
const STATUS_ICONS: Readonly<Record<string, string>> = {
  Disabled: 'circle-slash',
  NotActivated: 'mail-read',
  Frozen: 'lock',
  Unassigned: 'circle-large-outline',
};

/** "Not activated" for "NotActivated". */
function statusText(status: string): string {
  return status === 'NotActivated' ? 'not activated' : status.toLowerCase();
}

/** The Users view: every extension, grouped by type, each with its numbers from the company number list. */
export const userView: ListViewDefinition<UserWithNumbers> = {
  viewId: Views.users,
  list: (model) => model.extensions,
  also: (model) => [model.phoneNumbers],
  tree: userTreeSpec,
  note: usersNote,
  commands: { exportJson: Commands.exportUsersJson, exportCsv: Commands.exportUsersCsv, filter: Commands.filterUsers, clearFilter: Commands.clearUsersFilter },
  filterContextKey: ContextKeys.usersFiltered,
  filterPrompt: { prompt: 'Show extensions whose name, email, extension number or phone number contains this text. Empty shows all.', placeHolder: 'e.g. Quinn, @example.com, 101, 650 555' },
};

/** The numbers still loading (Heavy is slower than Medium), or numbers whose extension is not in the list. */
function usersNote(model: ExplorerModel, now: number): string | undefined {
  const phones = model.phoneNumbers;
  if (phones.loading || phones.error || !phones.data?.complete) {
    const text = listMessage({ ...phones.messageState(now), total: phones.data?.records.length ?? 0, shown: 0, filter: '' });
    return text ? `Numbers: ${text}` : undefined;
  }
  const unknown = model.users()?.unknownExtension.length ?? 0;
  return unknown > 0
    ? `${unknown.toLocaleString('en-US')} number(s) belong to extensions that are not in this list (changed since it was loaded?); they are in Phone Numbers. Refresh to load both again.`
    : undefined;
}

function userTreeSpec(model: ExplorerModel): ListTreeSpec<UserWithNumbers> {
  return {
    viewId: Views.users,
    rows: () => model.users()?.users,
    key: (u) => list.key(u.extension),
    search: (u) => {
      const numbers = [...list.phoneNumbers(u.extension), ...u.numbers.map((n) => n.phoneNumber)];
      return { texts: [...list.searchText(u.extension), ...numbers], numbers };
    },
    groups: (rows) => groupRows(rows, (u) => list.groupOf(u.extension), list.groupOrder, list.groupLabel),
    rowItem: userItem,
    decorateGroup: (group, item) => {
      item.iconPath = new vscode.ThemeIcon(TYPE_ICONS[group.key] ?? 'symbol-misc');
    },
  };
}

/**
 * An extension: its name, then extension number, direct numbers (the primary first), email and, unless enabled,
 * its status. The tooltip has its numbers and every field of the record.
 */
export function userItem(u: UserWithNumbers): vscode.TreeItem {
  const e = u.extension;
  const item = new vscode.TreeItem(list.label(e), vscode.TreeItemCollapsibleState.None);
  const direct = directNumbersOf(u.numbers);
  const shownNumbers = direct.length > 0 ? direct : u.numbers;
  const numbers = shownNumbers.length === 0 ? undefined : shownNumbers.length === 1 ? shownNumbers[0]?.phoneNumber : `${shownNumbers[0]?.phoneNumber} +${shownNumbers.length - 1}`;
  const status = e.status && e.status !== 'Enabled' ? statusText(e.status) : undefined;
  item.description = [e.extensionNumber ? `ext. ${e.extensionNumber}` : 'no extension number', numbers, e.contact?.email, status].filter(Boolean).join(' · ');
  const lead: [string, string][] = u.numbers.map((n) => [n.usageType === 'DirectNumber' ? `Direct number${n.primary ? ' (primary)' : ''}` : (n.usageType ?? 'Number'), n.phoneNumber]);
  if (lead.length === 0) lead.push(['Numbers', 'none in the company number list']);
  item.tooltip = recordTooltip(list.label(e), e, lead);
  item.contextValue = u.numbers.length > 0 ? ContextValues.extensionWithNumbers : ContextValues.extension;
  item.iconPath = new vscode.ThemeIcon((e.status && STATUS_ICONS[e.status]) ?? TYPE_ICONS[e.type ?? ''] ?? 'symbol-misc');
  return item;
}
