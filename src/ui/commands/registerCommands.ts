import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { dataCommands } from './dataCommands';
import { listCommands } from './listCommands';
import { requestCommands } from './requestCommands';
import { scriptCommands } from './scriptCommands';
import { sessionCommands } from './sessionCommands';
import { userCommands } from './userCommands';
import { walkthroughCommands } from '../walkthrough';

/** Registers every command the manifest contributes; returns the registrations and their ids (for the manifest check). */
export function registerCommands(ctx: CommandContext): { disposables: vscode.Disposable[]; ids: string[] } {
  const handlers = { ...sessionCommands(ctx), ...dataCommands(ctx), ...listCommands(ctx), ...userCommands(ctx), ...requestCommands(ctx), ...scriptCommands(ctx), ...walkthroughCommands() };
  const ids = Object.keys(handlers);
  return { disposables: ids.map((id) => vscode.commands.registerCommand(id, handlers[id]!)), ids };
}
