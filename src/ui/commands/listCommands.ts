import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { exportList } from './listExports';

/** The commands every list view has, made from its definition: export as JSON and CSV, filter, clear the filter. */
export function listCommands(ctx: CommandContext): Record<string, (...args: unknown[]) => unknown> {
  const handlers: Record<string, (...args: unknown[]) => unknown> = {};
  for (const { definition, view, list } of ctx.controller.lists) {
    const { commands, filterPrompt } = definition;
    const exporting = (format: 'json' | 'csv') => async (): Promise<string | undefined> => {
      try {
        return await exportList(ctx, list, format);
      } catch (e) {
        ctx.notifier.error(e, 'Export failed');
        return undefined;
      }
    };
    handlers[commands.exportJson] = exporting('json');
    handlers[commands.exportCsv] = exporting('csv');
    handlers[commands.filter] = async (text?: unknown) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({ title: `RingCentral: Filter ${list.descriptor.title}`, prompt: filterPrompt.prompt, value: view.filter, placeHolder: filterPrompt.placeHolder });
      if (value !== undefined) view.setFilter(value);
    };
    handlers[commands.clearFilter] = () => view.setFilter('');
  }
  return handlers;
}
