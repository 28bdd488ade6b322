import { directNumbersOf, otherNumbersOf, type UserWithNumbers } from '../lists/usersWithNumbers';
import { toCsv } from './csv';

/**
 * Columns of "Users with Numbers as CSV", the file a directory-sync script reads with `Import-Csv`: PowerShell
 * makes each header a property (`$row.DirectNumbers`), so they are single PascalCase words.
 */
export const USERS_WITH_NUMBERS_COLUMNS = ['Id', 'Name', 'Email', 'ExtensionNumber', 'Type', 'Status', 'Department', 'DirectNumbers', 'OtherNumbers'] as const;

/** Several numbers in one cell, as scripts split them: `$row.DirectNumbers -split ';'`. */
export const NUMBER_SEPARATOR = ';';

/**
 * One row per extension, in the extension list's order: who it is, and its direct numbers in E.164 (the primary
 * one first) in one column. `OtherNumbers` holds the other numbers assigned to it (business mobile numbers and
 * the like). Values are the server's own; cells that a spreadsheet would run as formulas are defused by `toCsv`.
 */
export function usersWithNumbersCsv(users: readonly UserWithNumbers[]): string {
  const rows = users.map(({ extension: e, numbers }) => ({
    Id: e.id,
    Name: e.name ?? '',
    Email: e.contact?.email ?? '',
    ExtensionNumber: e.extensionNumber ?? '',
    Type: e.type ?? '',
    Status: e.status ?? '',
    Department: e.contact?.department ?? '',
    DirectNumbers: directNumbersOf(numbers).map((n) => n.phoneNumber).join(NUMBER_SEPARATOR),
    OtherNumbers: otherNumbersOf(numbers).map((n) => n.phoneNumber).join(NUMBER_SEPARATOR),
  }));
  return toCsv(rows, USERS_WITH_NUMBERS_COLUMNS);
}
