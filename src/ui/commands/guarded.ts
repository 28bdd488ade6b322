import type { CommandContext } from './context';

/**
 * A command handler that reports its failure as a notification (with the typed error's hint) instead of throwing it
 * at VS Code, which would show a bare "command failed".
 */
export function guarded(ctx: CommandContext, what: string, run: (...args: unknown[]) => Promise<unknown>): (...args: unknown[]) => Promise<unknown> {
  return async (...args) => {
    try {
      return await run(...args);
    } catch (e) {
      ctx.notifier.error(e, what);
      return undefined;
    }
  };
}
