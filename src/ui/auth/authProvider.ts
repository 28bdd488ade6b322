import * as vscode from 'vscode';
import type { Session } from '../../core/auth/session';
import type { RingCentralService } from '../service';

/**
 * "RingCentral" in the Accounts menu; other extensions can ask it for a session. The token handed out is refreshed
 * first when it is close to expiry.
 */
export class RingCentralAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.emitter.event;
  private last: vscode.AuthenticationSession | undefined;

  constructor(
    private readonly service: RingCentralService,
    private readonly interactiveSignIn: () => Promise<Session | undefined>,
  ) {}

  async getSessions(scopes: readonly string[] | undefined): Promise<vscode.AuthenticationSession[]> {
    const session = await this.service.session().catch(() => undefined);
    if (!session) return [];
    let token = session.accessToken;
    try {
      token = await this.service.accessToken();
    } catch {
      // Offline or a server hiccup: the stored session still stands; the caller will see the server's answer.
    }
    const auth = this.toAuthSession(session, token);
    return !scopes?.length || scopes.every((s) => auth.scopes.includes(s)) ? [auth] : [];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const session = await this.interactiveSignIn();
    if (!session) throw new Error('Sign-in was cancelled.');
    return this.toAuthSession(session, session.accessToken);
  }

  async removeSession(): Promise<void> {
    await this.service.signOut();
  }

  /** Tells VS Code what changed since the last call. */
  async sync(): Promise<void> {
    const session = await this.service.session().catch(() => undefined);
    const next = session ? this.toAuthSession(session, session.accessToken) : undefined;
    const prev = this.last;
    this.last = next;
    if (!prev && next) this.emitter.fire({ added: [next], removed: [], changed: [] });
    else if (prev && !next) this.emitter.fire({ added: [], removed: [prev], changed: [] });
    else if (prev && next && prev.id !== next.id) this.emitter.fire({ added: [next], removed: [prev], changed: [] });
    else if (prev && next && (prev.accessToken !== next.accessToken || prev.account.label !== next.account.label)) this.emitter.fire({ added: [], removed: [], changed: [next] });
  }

  private toAuthSession(session: Session, accessToken: string): vscode.AuthenticationSession {
    return {
      id: `${session.server}#${session.ownerId ?? session.clientId}`,
      accessToken,
      // The name is read at sign-in and stored with the session, so the Accounts menu shows it from the first moment.
      account: { id: session.ownerId ?? 'unknown', label: session.ownerLabel ?? `RingCentral user ${session.ownerId ?? ''}`.trim() },
      scopes: (session.scope ?? '').split(/\s+/).filter(Boolean),
    };
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
