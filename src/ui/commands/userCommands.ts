import * as vscode from 'vscode';
import { usersWithNumbersCsv } from '../../core/export/usersWithNumbersCsv';
import { countOf } from '../../core/lists/listDescriptor';
import { extensionIdOf, phoneNumberList } from '../../core/lists/phoneNumberList';
import { joinUsersWithNumbers, type UserWithNumbers } from '../../core/lists/usersWithNumbers';
import { extensionList } from '../../core/lists/extensionList';
import { openUntitled } from '../documents';
import { Commands } from '../ids';
import type { ListNode } from '../views/listTree';
import { phoneNumberOf } from './dataCommands';
import type { CommandContext } from './context';
import { guarded } from './guarded';
import { announce } from './listExports';

/** The Users view's own commands: the users-with-numbers export, and reveal between users and numbers. */
export function userCommands(ctx: CommandContext): Record<string, (...args: unknown[]) => unknown> {
  const { controller } = ctx;
  const { extensions, phoneNumbers } = controller.model;
  return {
    [Commands.exportUsersWithNumbersCsv]: guarded(ctx, 'Export failed', async () => {
      // Both lists, each at its own group's pace.
      const [users, numbers] = await Promise.all([controller.ensureList(extensions), controller.ensureList(phoneNumbers)]);
      const joined = joinUsersWithNumbers(users.records, numbers.records);
      const editor = await openUntitled('users-with-numbers.csv', usersWithNumbersCsv(joined.users), ctx.redactor.known());
      announce(`${countOf(extensionList, users.records.length)} with their numbers`, users.asOf <= numbers.asOf ? users : numbers);
      return editor.document.uri.toString();
    }),
    [Commands.revealUser]: guarded(ctx, 'Reveal User failed', async (node?: unknown) => {
      const number = phoneNumberOf(node);
      const id = number ? extensionIdOf(number) : undefined;
      if (!number || id === undefined) return false;
      await controller.ensureList(extensions);
      if (await controller.users.reveal(id)) return true;
      const who = [number.extension?.name, number.extension?.extensionNumber ? `ext. ${number.extension.extensionNumber}` : undefined].filter(Boolean).join(', ');
      ctx.notifier.info(`${number.phoneNumber} belongs to ${who || `extension ${id}`}, which is not in the Users list loaded. Refresh to load both lists again.`);
      return false;
    }),
    [Commands.revealNumber]: guarded(ctx, 'Reveal Number failed', async (node?: unknown) => {
      const user = userOf(node);
      if (!user) return false;
      if (user.numbers.length === 0) {
        ctx.notifier.info(`${extensionList.label(user.extension)} has no number in the company number list.`);
        return false;
      }
      let number = user.numbers[0];
      if (user.numbers.length > 1) {
        const pick = await vscode.window.showQuickPick(
          user.numbers.map((n) => ({ label: n.phoneNumber, description: [n.usageType, n.primary ? 'primary' : undefined, n.label].filter(Boolean).join(' · '), number: n })),
          { title: `RingCentral: Reveal Number of ${extensionList.label(user.extension)}`, placeHolder: 'Which number?' },
        );
        if (!pick) return false;
        number = pick.number;
      }
      return number ? controller.phones.reveal(phoneNumberList.key(number)) : false;
    }),
  };
}

/** The extension (and its numbers) behind a row of the Users view. */
function userOf(node: unknown): UserWithNumbers | undefined {
  const n = node as ListNode<unknown> | undefined;
  if (n?.kind !== 'row') return undefined;
  const row = n.row as Partial<UserWithNumbers> | undefined;
  return row?.extension && Array.isArray(row.numbers) ? (row as UserWithNumbers) : undefined;
}
