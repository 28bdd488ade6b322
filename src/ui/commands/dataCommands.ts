import * as vscode from 'vscode';
import { toJson } from '../../core/export/json';
import type { PhoneNumber } from '../../core/schemas/phoneNumber';
import { openUntitled } from '../documents';
import { Commands } from '../ids';
import type { ListNode, MoreNode } from '../views/listTree';
import type { CommandContext } from './context';
import { guarded } from './guarded';

export function dataCommands(ctx: CommandContext): Record<string, (...args: unknown[]) => unknown> {
  return {
    [Commands.refresh]: () => ctx.controller.refresh(),
    [Commands.exportAccountJson]: guarded(ctx, 'Export failed', async () => {
      const data = await ctx.controller.ensureAccount();
      return (await openUntitled('account.json', toJson(data.account), ctx.redactor.known())).document.uri.toString();
    }),
    [Commands.copyNumber]: async (node?: unknown) => {
      const n = phoneNumberOf(node);
      if (!n) return;
      await vscode.env.clipboard.writeText(n.phoneNumber);
      vscode.window.setStatusBarMessage(`Copied ${n.phoneNumber}`, 3000);
    },
    [Commands.copyAsJson]: async (node?: unknown) => {
      const row = rowOf(node);
      if (!row) return;
      await vscode.env.clipboard.writeText(toJson(row.record));
      vscode.window.setStatusBarMessage(`Copied ${row.name} as JSON`, 3000);
    },
    [Commands.showMore]: (node?: unknown) => {
      const n = node as MoreNode<unknown> | undefined;
      if (n?.kind === 'more') n.tree.showMore(n);
    },
  };
}

/** The phone number of a row of the Phone Numbers view. */
export function phoneNumberOf(node: unknown): PhoneNumber | undefined {
  const n = node as ListNode<unknown> | undefined;
  if (n?.kind !== 'row') return undefined;
  const row = n.row as Partial<PhoneNumber> | undefined;
  return typeof row?.phoneNumber === 'string' ? (row as PhoneNumber) : undefined;
}

/** The record behind a row of any list view (a Users row: its extension), and what to call it. */
function rowOf(node: unknown): { record: object; name: string } | undefined {
  const n = node as ListNode<unknown> | undefined;
  if (n?.kind !== 'row' || typeof n.row !== 'object' || n.row === null) return undefined;
  const joined = n.row as { extension?: unknown; numbers?: unknown };
  const record = (typeof joined.extension === 'object' && joined.extension !== null && Array.isArray(joined.numbers) ? joined.extension : n.row) as Record<string, unknown>;
  const name = [record['phoneNumber'], record['name'], record['id']].find((v) => typeof v === 'string' || typeof v === 'number');
  return { record, name: name === undefined ? 'the record' : String(name) };
}
