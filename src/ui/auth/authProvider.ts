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
  private accountLabel: string | undefined;

  constructor(
    private readonly service: RingCentralService,
    private readonly interactiveSignIn: () => Promise<Session | undefined>,
  ) {}

  /** The label for the Accounts menu once the user's name is known. */
  setAccountLabel(label: string | undefined): void {
    if (label === this.accountLabel) return;
    this.accountLabel = label;
    void this.sync();
  }

  async getSessions(scopes: readonly string[] | undefined): Promise<vscode.AuthenticationSession[]> {
    const session = await this.service.session().catch(() => undefined);
    if (!session) return [];
    let token = session.accessToken;
    try {
      token = await this.service.tokens.accessToken();
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
    await this.service.tokens.signOut();
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
      account: { id: session.ownerId ?? 'unknown', label: this.accountLabel ?? `RingCentral user ${session.ownerId ?? ''}`.trim() },
      scopes: (session.scope ?? '').split(/\s+/).filter(Boolean),
    };
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
