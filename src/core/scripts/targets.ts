import { EXTENSION_COLUMNS } from '../lists/extensionList';

/**
 * What a generated PowerShell script can fetch. This is the script generator's own table (the views keep theirs):
 * each entry names the endpoints, whether they are paged, and how the script names itself.
 */

export type ScriptTargetId = 'account' | 'phoneNumbers' | 'users' | 'usersWithNumbers' | 'path';

export interface ScriptTargetInfo {
  id: ScriptTargetId;
  /** Quick pick label. */
  label: string;
  /** Quick pick detail: the requests the script sends. */
  detail: string;
  /** Untitled editor name. */
  fileName: string;
  /** One-line synopsis at the top of the script. */
  synopsis: string;
}

/** The company number list (Heavy group): every page of 1000. */
export const PHONE_NUMBERS_PATH = '/restapi/v1.0/account/~/phone-number';
/** The user directory (Medium group), users only: other extension types (queues, IVRs) are not people. */
export const USERS_PATH = '/restapi/v1.0/account/~/extension';
export const ACCOUNT_PATH = '/restapi/v1.0/account/~';
/** Leading CSV columns of a user row, the same as the extension's Users export; the remaining fields follow as they come. */
export const USER_COLUMNS: readonly string[] = EXTENSION_COLUMNS;
/** RingCentral's largest page. */
export const PER_PAGE = 1000;

export const SCRIPT_TARGETS: readonly ScriptTargetInfo[] = [
  {
    id: 'account',
    label: 'Account',
    detail: `GET ${ACCOUNT_PATH}: one object with the company, main number, service plan and settings`,
    fileName: 'ringcentral-account.ps1',
    synopsis: 'The RingCentral account (company, main number, service plan, regional settings).',
  },
  {
    id: 'phoneNumbers',
    label: 'Phone numbers',
    detail: `GET ${PHONE_NUMBERS_PATH}: every company number, all pages`,
    fileName: 'ringcentral-phone-numbers.ps1',
    synopsis: 'Every company phone number in the RingCentral account, one object per number.',
  },
  {
    id: 'users',
    label: 'Users',
    detail: `GET ${USERS_PATH}?type=User: every user, all pages`,
    fileName: 'ringcentral-users.ps1',
    synopsis: 'Every user (extension of type User) in the RingCentral account, one object per user.',
  },
  {
    id: 'usersWithNumbers',
    label: 'Users with their numbers',
    detail: 'Users joined with their direct numbers (two lists, matched by extension id): ready for a directory update',
    fileName: 'ringcentral-users-with-numbers.ps1',
    synopsis: 'Every RingCentral user with their direct phone numbers, one object per user.',
  },
  {
    id: 'path',
    label: 'Other GET path…',
    detail: 'Any GET under /restapi/: follows every page when the answer is a list',
    fileName: 'ringcentral-request.ps1',
    synopsis: 'One RingCentral GET request, every page of it.',
  },
];

export function targetInfo(id: ScriptTargetId): ScriptTargetInfo {
  const found = SCRIPT_TARGETS.find((t) => t.id === id);
  if (!found) throw new Error(`unknown script target ${id}`);
  return found;
}
