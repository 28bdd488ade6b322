import * as vscode from 'vscode';
import type { Session } from '../../core/auth/session';
import { Commands } from '../ids';
import { signIn, type SignInOptions } from '../signIn/signInFlow';
import type { CommandContext } from './context';

export async function runSignIn(ctx: CommandContext, options?: SignInOptions): Promise<Session | undefined> {
  try {
    const session = await signIn(ctx.service, ctx.uriHandler, options);
    if (session) ctx.logger.info('Sign-in complete.');
    return session;
  } catch (e) {
    ctx.notifier.error(e, 'Sign-in failed');
    return undefined;
  }
}

export function sessionCommands(ctx: CommandContext): Record<string, (...args: unknown[]) => unknown> {
  return {
    [Commands.signIn]: (options?: unknown) => runSignIn(ctx, isSignInOptions(options) ? options : undefined),
    [Commands.signOut]: async () => {
      await ctx.service.tokens.signOut();
      ctx.notifier.info('Signed out of RingCentral. The session was revoked and its tokens deleted.');
    },
    [Commands.forgetCredentials]: async () => {
      const server = ctx.service.settings.server;
      const signedIn = (await ctx.service.session()) !== undefined;
      const answer = await vscode.window.showWarningMessage(
        `Forget the client ID, client secret, JWT and password stored for ${server}?${signedIn ? ' You will also be signed out.' : ''}`,
        { modal: true },
        'Forget',
      );
      if (answer !== 'Forget') return false;
      if (signedIn) await ctx.service.tokens.signOut();
      await ctx.service.vault.forget(server);
      ctx.notifier.info(`Forgot the RingCentral credentials stored for ${server}.`);
      return true;
    },
    [Commands.showLogs]: () => ctx.logger.channel.show(true),
  };
}

function isSignInOptions(v: unknown): v is SignInOptions {
  return typeof v === 'object' && v !== null && !('scheme' in v);
}
