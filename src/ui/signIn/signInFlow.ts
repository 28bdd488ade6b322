import * as vscode from 'vscode';
import type { AuthFlow } from '../../core/auth/credentials';
import type { Session } from '../../core/auth/session';
import type { RingCentralService } from '../service';
import { settingsForSignIn } from '../settings';
import type { AuthUriHandler } from './browserSignIn';
import { askSteps } from './inputSteps';
import { SIGN_IN_METHODS } from './methods';

const TITLE = 'RingCentral: Sign In';

export interface SignInOptions {
  /** Ask for every value again, prefilled with what is stored (after the server refused one). */
  askAll?: boolean;
  flow?: AuthFlow;
}

/**
 * Asks only for what SecretStorage does not hold yet, signs in with the configured method, and keeps what was typed
 * for next time. A value the server refused is forgotten (by the method's rules) so the next attempt asks again.
 */
export async function signIn(service: RingCentralService, uriHandler: AuthUriHandler, options: SignInOptions = {}): Promise<Session | undefined> {
  const { server, authFlow, redirectUri } = await settingsForSignIn(() => service.settings, service.onDidChangeConnection);
  const method = SIGN_IN_METHODS[options.flow ?? authFlow];
  const stored = await service.credentials(server);
  const steps = method.steps(stored, options.askAll === true);
  let creds = stored;
  if (steps.length > 0) {
    const answers = await askSteps(TITLE, steps);
    if (!answers) return undefined;
    // Kept for the server the sign-in began with, even if the setting changes while the user types.
    creds = await service.saveCredentials(server, answers);
  }
  if (!creds.clientId) return undefined;
  const grant = await method.grant(creds, { server, redirectUri, uriHandler });
  if (!grant) return undefined;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `RingCentral: signing in to ${new URL(server).host}…` }, () =>
    settingsForSignIn(() => service.settings, service.onDidChangeConnection, server).then(() => service.signIn(method, grant)),
  );
}
