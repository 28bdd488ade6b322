import * as vscode from 'vscode';
import { csvColumns, linksLast, PHONE_NUMBER_COLUMNS, toCsv } from '../../core/export/csv';
import { toJson } from '../../core/export/json';
import { openUntitled } from '../documents';
import { Commands } from '../ids';
import type { PhoneNode } from '../views/phoneNumberTree';
import type { CommandContext } from './context';

export function dataCommands(ctx: CommandContext): Record<string, (...args: unknown[]) => unknown> {
  const guarded = (what: string, run: () => Promise<unknown>) => async () => {
    try {
      return await run();
    } catch (e) {
      ctx.notifier.error(e, what);
      return undefined;
    }
  };
  const secrets = (): string[] => ctx.redactor.known();
  return {
    [Commands.refresh]: () => ctx.controller.refresh(),
    [Commands.exportPhoneNumbersJson]: guarded('Export failed', async () => {
      const data = await ctx.controller.ensureData();
      return (await openUntitled('phone-numbers.json', toJson(data.numbers), secrets())).document.uri.toString();
    }),
    [Commands.exportPhoneNumbersCsv]: guarded('Export failed', async () => {
      const data = await ctx.controller.ensureData();
      const rows = data.numbers as unknown as Record<string, unknown>[];
      return (await openUntitled('phone-numbers.csv', toCsv(rows, linksLast(csvColumns(rows, PHONE_NUMBER_COLUMNS))), secrets())).document.uri.toString();
    }),
    [Commands.exportAccountJson]: guarded('Export failed', async () => {
      const data = await ctx.controller.ensureData();
      return (await openUntitled('account.json', toJson(data.account), secrets())).document.uri.toString();
    }),
    [Commands.filterPhoneNumbers]: async (text?: unknown) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({
              title: 'RingCentral: Filter Phone Numbers',
              prompt: 'Show numbers whose number, label, extension, name, usage type or status contains this text. Empty shows all.',
              value: ctx.controller.phoneTree.filter,
              placeHolder: 'e.g. 650, Front desk, 101, Fax',
            });
      if (value !== undefined) ctx.controller.setFilter(value);
    },
    [Commands.clearFilter]: () => ctx.controller.setFilter(''),
    [Commands.copyNumber]: async (node?: unknown) => {
      const n = asNumberNode(node);
      if (!n) return;
      await vscode.env.clipboard.writeText(n.number.phoneNumber);
      vscode.window.setStatusBarMessage(`Copied ${n.number.phoneNumber}`, 3000);
    },
    [Commands.copyAsJson]: async (node?: unknown) => {
      const n = asNumberNode(node);
      if (!n) return;
      await vscode.env.clipboard.writeText(toJson(n.number));
      vscode.window.setStatusBarMessage(`Copied ${n.number.phoneNumber} as JSON`, 3000);
    },
  };
}

function asNumberNode(node: unknown): Extract<PhoneNode, { kind: 'number' }> | undefined {
  const n = node as PhoneNode | undefined;
  return n?.kind === 'number' ? n : undefined;
}
