import * as vscode from 'vscode';
import type { Grant } from '../core/auth/credentials';
import { ownerLabel } from '../core/auth/ownerLabel';
import { SecretSessionStore } from '../core/auth/secretSessionStore';
import type { Session } from '../core/auth/session';
import { TokenManager, type SignOutResult } from '../core/auth/tokenManager';
import { RingCentralApi } from '../core/api/ringCentralApi';
import { systemClock, type Clock } from '../core/clock';
import { FolderCoordinator } from '../core/coordination/folderCoordinator';
import { serverFile } from '../core/coordination/serverFile';
import { RingCentralError } from '../core/errors';
import { RestClient } from '../core/http/restClient';
import { fetchTransport } from '../core/http/transport';
import { RateGates } from '../core/rateLimit/rateGate';
import { SharedRateBook } from '../core/rateLimit/sharedRateBook';
import type { Redactor } from '../core/redact';
import { CredentialVault, type StoredCredentials } from './auth/credentialVault';
import { EXTENSION_ID } from './ids';
import type { ChannelLogger } from './log';
import { readSettings, type ExplorerSettings } from './settings';
import { SIGN_IN_METHODS, type SignInMethod } from './signIn/methods';

interface Connection {
  settings: ExplorerSettings;
  client: RestClient;
  tokens: TokenManager;
  api: RingCentralApi;
  disposables: { dispose(): unknown }[];
}

/**
 * What the rest of the extension asks of RingCentral: the session (sign in, sign out, forget, renew), and the API for
 * data. It builds the core client for the configured server and rebuilds it when the server setting changes; token
 * manager, HTTP client and credential vault stay inside.
 */
export class RingCentralService implements vscode.Disposable {
  private readonly vault: CredentialVault;
  private connection: Connection | undefined;
  private configError: RingCentralError | undefined;
  private readonly sessionEmitter = new vscode.EventEmitter<Session | undefined>();
  private readonly endedEmitter = new vscode.EventEmitter<RingCentralError>();
  private readonly connectionEmitter = new vscode.EventEmitter<void>();
  /** The session changed: signed in, renewed, signed out, or another window did one of these. */
  readonly onDidChangeSession = this.sessionEmitter.event;
  /** The session ended without the user signing out (the server refused it); the error says why and what to do. */
  readonly onDidEndSession = this.endedEmitter.event;
  /** A new client was built (the server changed). */
  readonly onDidChangeConnection = this.connectionEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.sessionEmitter, this.endedEmitter, this.connectionEmitter];

  /**
   * @param folder A folder every local window shares (global storage): the cross-window lock, the session ledger
   *   and the shared rate-limit windows live there. Never a secret.
   */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly folder: string,
    private readonly logger: ChannelLogger,
    private readonly redactor: Redactor,
  ) {
    this.vault = new CredentialVault(secrets, redactor);
    this.connect();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ringcentral')) this.connect();
      }),
    );
  }

  get settings(): ExplorerSettings {
    return this.current().settings;
  }

  get api(): RingCentralApi {
    return this.current().api;
  }

  /** The rate-limit gates of the current connection (what holds a request, and until when). */
  get rateLimits(): RateGates {
    return this.current().client.gates;
  }

  /** Platform time (session expiries are written in it). */
  get clock(): Clock {
    return this.connection?.client.serverClock ?? systemClock;
  }

  /** The settings problem that stops any connection, if there is one. */
  get settingsProblem(): RingCentralError | undefined {
    return this.configError;
  }

  session(): Promise<Session | undefined> {
    return this.connection ? this.connection.tokens.session() : Promise.resolve(undefined);
  }

  /** A valid access token for other extensions (the authentication provider), renewed first when needed. */
  accessToken(): Promise<string> {
    return this.current().tokens.accessToken();
  }

  /** Renews now, even if the access token is fresh: keeps an idle session from lapsing. */
  renewIdle(): Promise<Session> {
    return this.current().tokens.renew({ force: true });
  }

  /** What SecretStorage holds for `server` (default: the configured one); secrets are registered with the redactor. */
  credentials(server = this.settings.server): Promise<StoredCredentials> {
    return this.vault.read(server);
  }

  saveCredentials(server: string, patch: StoredCredentials): Promise<StoredCredentials> {
    return this.vault.update(server, patch);
  }

  /** Signs in with `grant`; a refusal forgets what the method says was wrong, so the next sign-in asks for it. */
  async signIn(method: SignInMethod, grant: Grant, signal?: AbortSignal): Promise<Session> {
    const server = this.settings.server;
    try {
      return await this.current().tokens.signIn(grant, signal);
    } catch (e) {
      if (!(e instanceof RingCentralError) || e.transient || e.kind === 'cancelled') throw e;
      throw await this.refused(method, server, e);
    }
  }

  /** Forgets what the method says the server refused (so the next sign-in asks for it) and says what to do. */
  private async refused(method: SignInMethod, server: string, e: RingCentralError): Promise<RingCentralError> {
    const refusal = method.refused(e);
    if (refusal.forget.length > 0) await this.vault.update(server, blank(refusal.forget));
    return refusal.error;
  }

  signOut(): Promise<SignOutResult> {
    return this.connection ? this.connection.tokens.signOut() : Promise.resolve({ hadSession: false, revoked: false });
  }

  /** Signs out (if signed in) and deletes the client ID, secret, JWT and password stored for the server. */
  async forgetCredentials(): Promise<SignOutResult> {
    const server = this.settings.server;
    const result = await this.signOut();
    await this.vault.forget(server);
    return result;
  }

  private current(): Connection {
    if (!this.connection) throw this.configError ?? new RingCentralError({ kind: 'config', message: 'RingCentral is not configured.' });
    return this.connection;
  }

  private connect(): void {
    let settings: ExplorerSettings;
    try {
      settings = readSettings();
      this.configError = undefined;
    } catch (e) {
      this.configError = e instanceof RingCentralError ? e : undefined;
      this.logger.error(this.configError?.message ?? String(e));
      this.replace(undefined);
      return;
    }
    const previous = this.connection?.settings;
    if (previous && previous.server === settings.server && previous.timeoutMs === settings.timeoutMs) {
      this.connection!.settings = settings;
      return;
    }
    this.replace(this.build(settings));
    this.logger.info(`Using RingCentral server ${settings.server}`);
  }

  private build(settings: ExplorerSettings): Connection {
    const server = settings.server;
    const client = new RestClient({
      server,
      // The extension host's fetch: VS Code routes it through http.proxy, PAC files and system certificates.
      transport: fetchTransport(globalThis.fetch),
      logger: this.logger,
      timeoutMs: settings.timeoutMs,
      gates: new RateGates(systemClock, new SharedRateBook(serverFile(this.folder, server, 'rate', '.json'))),
      userAgent: `RingCentralExplorer/${String((vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { version?: string } | undefined)?.version ?? '0')} vscode/${vscode.version}`,
    });
    const store = new SecretSessionStore(this.secrets, server, this.redactor);
    const tokens = new TokenManager({
      client,
      store,
      logger: this.logger,
      // Longer than a token request (timeout) and its retries after a lost answer: a slow live holder is never robbed.
      coordinator: new FolderCoordinator({ folder: this.folder, server, staleMs: 2 * settings.timeoutMs + 30_000 }),
      app: async () => {
        const c = await this.vault.read(server);
        if (!c.clientId) throw new RingCentralError({ kind: 'signedOut', message: 'No RingCentral client ID is stored.', hint: 'Run "RingCentral: Sign In".', action: 'signIn' });
        return c.clientSecret ? { clientId: c.clientId, clientSecret: c.clientSecret } : { clientId: c.clientId };
      },
      silent: {
        grant: async (session) => SIGN_IN_METHODS[session.flow].silentGrant(await this.vault.read(server)),
        refused: (e, session) => this.refused(SIGN_IN_METHODS[session.flow], server, e),
      },
      describeOwner: (token) => ownerLabel(client, token),
    });
    const disposables = [
      store.onDidChange(() => void tokens.reload()),
      {
        dispose: tokens.onDidChange((change) => {
          this.sessionEmitter.fire(change.session);
          if (change.reason === 'ended' && change.error) this.endedEmitter.fire(change.error);
        }),
      },
    ];
    return { settings, client, tokens, api: new RingCentralApi(client, tokens), disposables };
  }

  private replace(next: Connection | undefined): void {
    const old = this.connection;
    this.connection = next;
    if (old) for (const d of old.disposables) d.dispose();
    this.connectionEmitter.fire();
    void this.session().then((s) => this.sessionEmitter.fire(s));
  }

  dispose(): void {
    if (this.connection) for (const d of this.connection.disposables) d.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function blank(keys: readonly (keyof StoredCredentials)[]): StoredCredentials {
  return Object.fromEntries(keys.map((k) => [k, '']));
}
