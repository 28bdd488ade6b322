import * as vscode from 'vscode';
import type { AuthFlow, Grant } from '../../core/auth/credentials';
import type { Session } from '../../core/auth/session';
import { RingCentralError } from '../../core/errors';
import type { StoredCredentials } from '../auth/credentialVault';
import type { RingCentralService } from '../service';
import { browserGrant, type AuthUriHandler } from './browserSignIn';
import { askSteps, type InputStep } from './inputSteps';

const TITLE = 'RingCentral: Sign In';

export interface SignInOptions {
  /** Ask for every value again, prefilled with what is stored (after the server refused one). */
  askAll?: boolean;
  flow?: AuthFlow;
}

/**
 * Asks only for what SecretStorage does not hold yet, signs in with the configured flow, and keeps what was typed
 * for next time. A value the server refused is forgotten so the next attempt asks for it again.
 */
export async function signIn(service: RingCentralService, uriHandler: AuthUriHandler, options: SignInOptions = {}): Promise<Session | undefined> {
  const { server, authFlow, redirectUri } = service.settings;
  const flow = options.flow ?? authFlow;
  const stored = await service.vault.read(server);
  const steps = stepsFor(flow, stored, options.askAll === true);
  let creds: StoredCredentials = stored;
  if (steps.length > 0) {
    const answers = await askSteps(TITLE, steps);
    if (!answers) return undefined;
    creds = await service.vault.update(server, answers);
  }
  if (!creds.clientId) return undefined;
  const grant = await grantFor(flow, creds, server, redirectUri, uriHandler);
  if (!grant) return undefined;
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'RingCentral: signing in…' },
      () => service.signIn(grant),
    );
  } catch (e) {
    await forgetRefused(service, server, e);
    throw e;
  }
}

function stepsFor(flow: AuthFlow, c: StoredCredentials, askAll: boolean): InputStep[] {
  const need = (v: string | undefined): boolean => askAll || !v;
  const steps: InputStep[] = [];
  if (need(c.clientId) || (flow !== 'authorizationCode' && need(c.clientSecret))) {
    steps.push({ key: 'clientId', prompt: 'Client ID of your RingCentral app (Developer Console → your app → Credentials)', placeholder: 'Client ID', value: c.clientId ?? '', validate: (v) => (/\s/.test(v) ? 'A client ID has no spaces.' : undefined) });
    steps.push({
      key: 'clientSecret',
      prompt: flow === 'authorizationCode' ? 'Client secret (leave empty for a public app that uses PKCE only)' : 'Client secret of the app',
      placeholder: 'Client Secret',
      password: true,
      optional: flow === 'authorizationCode',
      value: c.clientSecret ?? '',
    });
  }
  if (flow === 'jwt' && need(c.jwt)) {
    steps.push({ key: 'jwt', prompt: 'JWT credential (Developer Console → profile menu → Credentials → Create JWT)', placeholder: 'eyJ…', password: true, value: c.jwt ?? '', validate: (v) => (v.split('.').length === 3 ? undefined : 'A JWT has three parts separated by dots.') });
  }
  if (flow === 'password') {
    if (need(c.username)) steps.push({ key: 'username', prompt: 'Username: phone number in E.164 (+16505550100) or email', placeholder: '+16505550100 or name@example.com', value: c.username ?? '' });
    if (askAll || !c.username) steps.push({ key: 'extension', prompt: 'Extension number (optional)', placeholder: '101', optional: true, value: c.extension ?? '', validate: (v) => (/^\d+$/.test(v) ? undefined : 'Digits only.') });
    if (need(c.password)) steps.push({ key: 'password', prompt: 'Password', password: true, value: '' });
  }
  return steps;
}

async function grantFor(flow: AuthFlow, c: StoredCredentials, server: string, redirectUri: string, uriHandler: AuthUriHandler): Promise<Grant | undefined> {
  switch (flow) {
    case 'jwt':
      return c.jwt ? { type: 'jwt', assertion: c.jwt } : undefined;
    case 'password':
      return c.username && c.password ? { type: 'password', username: c.username, password: c.password, ...(c.extension ? { extension: c.extension } : {}) } : undefined;
    case 'authorizationCode':
      return c.clientId ? browserGrant(server, c.clientId, redirectUri, uriHandler) : undefined;
  }
}

async function forgetRefused(service: RingCentralService, server: string, e: unknown): Promise<void> {
  if (!(e instanceof RingCentralError)) return;
  if (e.action === 'reenterClientCredentials') await service.vault.update(server, { clientSecret: '' });
  if (e.action === 'reenterPassword') await service.vault.update(server, { password: '' });
  if (e.kind === 'http' && e.status === 400 && e.code !== undefined && ['invalid_grant', 'OAU-120'].includes(e.code)) await service.vault.update(server, { jwt: '' });
}
