import * as vscode from 'vscode';
import type { Grant } from '../core/auth/credentials';
import type { Session } from '../core/auth/session';
import { TokenManager } from '../core/auth/tokenManager';
import { RingCentralApi } from '../core/api/ringCentralApi';
import { RingCentralError } from '../core/errors';
import { RestClient } from '../core/http/restClient';
import { fetchTransport } from '../core/http/transport';
import type { Redactor } from '../core/redact';
import { CredentialVault } from './auth/credentialVault';
import { SecretSessionStore } from './auth/secretSessionStore';
import type { ChannelLogger } from './log';
import { readSettings, type ExplorerSettings } from './settings';

interface Connection {
  settings: ExplorerSettings;
  client: RestClient;
  store: SecretSessionStore;
  tokens: TokenManager;
  api: RingCentralApi;
  disposables: vscode.Disposable[];
}

/**
 * The core client for the configured server, rebuilt when the server setting changes. Everything that talks to
 * RingCentral goes through here.
 */
export class RingCentralService implements vscode.Disposable {
  readonly vault: CredentialVault;
  private connection: Connection | undefined;
  private configError: RingCentralError | undefined;
  private readonly sessionEmitter = new vscode.EventEmitter<Session | undefined>();
  private readonly connectionEmitter = new vscode.EventEmitter<void>();
  /** The session changed: signed in, refreshed, signed out, or another window did one of these. */
  readonly onDidChangeSession = this.sessionEmitter.event;
  /** A new client was built (the server changed). */
  readonly onDidChangeConnection = this.connectionEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.sessionEmitter, this.connectionEmitter];

  constructor(
    private readonly secrets: vscode.SecretStorage,
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

  get tokens(): TokenManager {
    return this.current().tokens;
  }

  get client(): RestClient {
    return this.current().client;
  }

  /** The settings problem that stops any connection, if there is one. */
  get settingsProblem(): RingCentralError | undefined {
    return this.configError;
  }

  session(): Promise<Session | undefined> {
    return this.connection ? this.connection.tokens.session() : Promise.resolve(undefined);
  }

  signIn(grant: Grant, signal?: AbortSignal): Promise<Session> {
    return this.tokens.signIn(grant, signal);
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
    const client = new RestClient({
      server: settings.server,
      // The extension host's fetch: VS Code routes it through http.proxy, PAC files and system certificates.
      transport: fetchTransport(globalThis.fetch),
      logger: this.logger,
      timeoutMs: settings.timeoutMs,
      userAgent: `RingCentralExplorer/${String((vscode.extensions.getExtension('ringcentral-explorer.ringcentral-explorer')?.packageJSON as { version?: string } | undefined)?.version ?? '0')} vscode/${vscode.version}`,
    });
    const store = new SecretSessionStore(this.secrets, settings.server, this.redactor);
    const tokens = new TokenManager({
      client,
      store,
      logger: this.logger,
      app: async () => {
        const c = await this.vault.read(settings.server);
        if (!c.clientId) throw new RingCentralError({ kind: 'signedOut', message: 'No RingCentral client ID is stored.', hint: 'Run "RingCentral: Sign In".', action: 'signIn' });
        return c.clientSecret ? { clientId: c.clientId, clientSecret: c.clientSecret } : { clientId: c.clientId };
      },
      silentGrant: async () => {
        const c = await this.vault.read(settings.server);
        return c.jwt ? { type: 'jwt', assertion: c.jwt } : undefined;
      },
    });
    const disposables = [
      store.onDidChange(this.secrets, () => void tokens.reload()),
      { dispose: tokens.onDidChange((change) => this.sessionEmitter.fire(change.session)) },
    ];
    this.replace({ settings, client, store, tokens, api: new RingCentralApi(client, tokens), disposables });
    this.logger.info(`Using RingCentral server ${settings.server}`);
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
