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
      const { hadSession, revoked } = await ctx.service.signOut();
      ctx.notifier.info(signOutMessage(hadSession, revoked));
      return revoked;
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
      const { hadSession, revoked } = await ctx.service.forgetCredentials();
      ctx.notifier.info(`Forgot the RingCentral credentials stored for ${server}.${hadSession ? ` ${signOutMessage(hadSession, revoked)}` : ''}`);
      return true;
    },
    [Commands.showLogs]: () => ctx.logger.channel.show(true),
  };
}

/** "Revoked" only when the server said so: a revoke that failed leaves the session valid there until it lapses. */
export function signOutMessage(hadSession: boolean, revoked: boolean): string {
  if (!hadSession) return 'You were not signed in to RingCentral; nothing was stored for this server.';
  if (revoked) return 'Signed out of RingCentral. The server confirmed that the session was revoked, and its tokens were deleted here.';
  return (
    'Signed out of RingCentral here: the tokens were deleted from this computer. The server did not confirm the revoke ' +
    '(it could not be reached or refused it), so the session stays valid there until it lapses: within an hour for the ' +
    'access token, and at the end of the refresh token\u2019s lifetime (7 days by default) for the session.'
  );
}

function isSignInOptions(v: unknown): v is SignInOptions {
  return typeof v === 'object' && v !== null && !('scheme' in v);
}
