import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { dataCommands } from './dataCommands';
import { requestCommands } from './requestCommands';
import { sessionCommands } from './sessionCommands';

/** Registers every command the manifest contributes; returns the registrations and their ids (for the manifest check). */
export function registerCommands(ctx: CommandContext): { disposables: vscode.Disposable[]; ids: string[] } {
  const handlers = { ...sessionCommands(ctx), ...dataCommands(ctx), ...requestCommands(ctx) };
  const ids = Object.keys(handlers);
  return { disposables: ids.map((id) => vscode.commands.registerCommand(id, handlers[id]!)), ids };
}
