import { ExtensionInfoSchema, type ExtensionInfo } from '../schemas/extension';
import { humanize, type ListDescriptor } from './listDescriptor';

/**
 * Extension types as an admin names them. "Department" is the API's legacy name for a call queue (the spec says
 * so); Announcement and Voicemail are the admin portal's "Announcement Only" and "Message Only".
 */
const TYPE_LABELS: Readonly<Record<string, string>> = {
  User: 'Users',
  Department: 'Call Queues',
  IvrMenu: 'IVR Menus',
  SharedLinesGroup: 'Shared Lines Groups',
  DelegatedLinesGroup: 'Delegated Lines Groups',
  VirtualUser: 'Virtual Users',
  DigitalUser: 'Digital Users',
  FaxUser: 'Fax Users',
  FlexibleUser: 'Flexible Users',
  Limited: 'Limited Extensions',
  Announcement: 'Announcement Only',
  Voicemail: 'Message Only',
  ParkLocation: 'Park Locations',
  PagingOnly: 'Paging Groups',
  GroupCallPickup: 'Group Call Pickup',
  ApplicationExtension: 'Application Extensions',
  ProxyAdmin: 'Proxy Admins',
  Bot: 'Bots',
  Room: 'Rooms',
  Site: 'Sites',
};

const TYPE_ORDER = ['User', 'Department', 'IvrMenu', 'SharedLinesGroup', 'VirtualUser', 'DigitalUser', 'FaxUser', 'Limited', 'Announcement', 'Voicemail', 'ParkLocation', 'PagingOnly'];

export const OTHER_TYPE = 'Other';

/** Preferred leading CSV columns of the Users export; every other field follows in first-seen order. */
export const EXTENSION_COLUMNS: readonly string[] = [
  'id',
  'extensionNumber',
  'name',
  'type',
  'status',
  'contact.firstName',
  'contact.lastName',
  'contact.email',
  'contact.department',
  'contact.jobTitle',
  'contact.businessPhone',
  'contact.mobilePhone',
  'permissions.admin.enabled',
];

/**
 * Every extension of the account, `GET /account/~/extension` (Medium: 40 requests a minute): users, call queues,
 * IVR menus and the other types, grouped by type. An extension is named by its name, or its number when it has none.
 */
export const extensionList: ListDescriptor<ExtensionInfo> = {
  id: 'users',
  title: 'Users',
  noun: { one: 'extension', many: 'extensions' },
  path: '/restapi/v1.0/account/~/extension',
  query: {},
  group: 'Medium',
  schema: ExtensionInfoSchema,
  key: (e) => String(e.id),
  label: extensionName,
  groupOf: (e) => e.type ?? OTHER_TYPE,
  groupLabel: (type) => TYPE_LABELS[type] ?? `${humanize(type)}`,
  groupOrder: TYPE_ORDER,
  searchText: (e) => [e.name, e.contact?.email, e.extensionNumber, e.contact?.firstName, e.contact?.lastName, e.contact?.department, e.contact?.jobTitle],
  phoneNumbers: (e) => [e.contact?.businessPhone, e.contact?.mobilePhone].filter((p): p is string => typeof p === 'string' && p !== ''),
  exports: { json: 'users.json', csv: 'users.csv', csvColumns: EXTENSION_COLUMNS },
};

/** The name people know the extension by: its name, the contact's name, or its number. */
export function extensionName(e: ExtensionInfo): string {
  const contact = [e.contact?.firstName, e.contact?.lastName].filter((s) => typeof s === 'string' && s.trim() !== '').join(' ');
  const name = e.name?.trim() || contact || e.contact?.name?.trim();
  if (name) return name;
  return e.extensionNumber ? `Extension ${e.extensionNumber}` : `Extension id ${String(e.id)}`;
}
