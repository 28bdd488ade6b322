import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { dataCommands } from './dataCommands';
import { requestCommands } from './requestCommands';
import { sessionCommands } from './sessionCommands';

/** Every command the manifest contributes, registered in one place. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const handlers = { ...sessionCommands(ctx), ...dataCommands(ctx), ...requestCommands(ctx) };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}

/** The ids registerCommands registers, for the manifest check. */
export function registeredCommandIds(ctx: CommandContext): string[] {
  return Object.keys({ ...sessionCommands(ctx), ...dataCommands(ctx), ...requestCommands(ctx) });
}
