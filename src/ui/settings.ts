import * as vscode from 'vscode';
import type { AuthFlow } from '../core/auth/credentials';
import { RingCentralError } from '../core/errors';
import { validateServerUrl } from '../core/serverUrl';
import { DEFAULT_SERVER, Settings } from './ids';

export interface ExplorerSettings {
  /** Validated origin, e.g. https://platform.ringcentral.com */
  server: string;
  authFlow: AuthFlow;
  pageSize: number;
  redirectUri: string;
  timeoutMs: number;
}

const FLOWS: readonly AuthFlow[] = ['jwt', 'authorizationCode', 'password'];

/**
 * Reads the settings. Where credentials go (server, flow, redirect URI) comes from the User settings only: the
 * manifest gives them scope "application", so VS Code reads them from the User settings in local and remote windows
 * alike and never from Remote or Workspace settings; taking only `globalValue` also ignores a value a workspace
 * sets, even in a trusted workspace, so opening a repository cannot redirect a sign-in.
 * Throws a config error when the server URL is not allowed.
 */
export function readSettings(): ExplorerSettings {
  const config = vscode.workspace.getConfiguration(Settings.section);
  const userOnly = <T>(key: string, fallback: T): T => {
    const i = config.inspect<T>(key);
    return i?.globalValue ?? i?.defaultValue ?? fallback;
  };
  const flow = userOnly<string>(Settings.authFlow, 'jwt');
  return {
    server: validateServerUrl(userOnly(Settings.server, DEFAULT_SERVER)),
    authFlow: (FLOWS as readonly string[]).includes(flow) ? (flow as AuthFlow) : 'jwt',
    pageSize: clamp(config.get<number>(Settings.pageSize, 1000), 1, 1000),
    redirectUri: userOnly(Settings.redirectUri, 'http://127.0.0.1:52587/callback'),
    timeoutMs: clamp(config.get<number>(Settings.requestTimeout, 30), 5, 300) * 1000,
  };
}

/** How long a sign-in waits for the connection to follow a settings change before it gives up, sending nothing. */
export const SETTLE_TIMEOUT_MS = 10_000;

/**
 * The settings a sign-in goes ahead with: those the User settings name now, once `applied()` (the settings the
 * connection was built from) agrees with them on where credentials go. VS Code updates the configuration first and
 * then fires onDidChangeConfiguration, which rebuilds the connection (`onDidApply`); a sign-in that starts in between
 * waits for that rather than use the connection of before. With `startedFor`, the server the sign-in asked
 * credentials for: if the User settings now name another server, it refuses, so what was typed for one server is
 * never sent to another. Throws a config error (nothing sent) when the two do not agree within `timeoutMs`, or when
 * the server setting is not a URL credentials may go to.
 */
export async function settingsForSignIn(
  applied: () => ExplorerSettings,
  onDidApply: vscode.Event<unknown>,
  startedFor?: string,
  timeoutMs = SETTLE_TIMEOUT_MS,
): Promise<ExplorerSettings> {
  const settled = await new Promise<ExplorerSettings>((resolve, reject) => {
    const check = (): boolean => {
      try {
        const wanted = readSettings();
        const now = applied();
        if (!sameDestination(now, wanted)) return false;
        resolve(now);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
      return true;
    };
    if (check()) return;
    const listener = onDidApply(() => {
      if (check()) done();
    });
    const timer = setTimeout(() => {
      done();
      reject(
        new RingCentralError({
          kind: 'config',
          message: `RingCentral: the server in your User settings (${safeServer()}) is not in use yet, so nothing was sent.`,
          hint: 'Run "RingCentral: Sign In" again; if this repeats, reload the window (Developer: Reload Window).',
          action: 'checkServer',
        }),
      );
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      listener.dispose();
    };
  });
  if (startedFor !== undefined && settled.server !== startedFor) {
    throw new RingCentralError({
      kind: 'config',
      message: `RingCentral: the server setting changed from ${startedFor} to ${settled.server} during sign-in, so the credentials typed for ${startedFor} were not sent.`,
      hint: `Run "RingCentral: Sign In" again to sign in to ${settled.server}.`,
      action: 'signIn',
    });
  }
  return settled;
}

/** Same server, method and redirect URI: the settings that decide where credentials go. */
function sameDestination(a: ExplorerSettings, b: ExplorerSettings): boolean {
  return a.server === b.server && a.authFlow === b.authFlow && a.redirectUri === b.redirectUri;
}

/** The configured server for a message; an invalid one is named by its own error elsewhere. */
function safeServer(): string {
  try {
    return readSettings().server;
  } catch {
    return 'not a valid URL';
  }
}

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : max;
}
