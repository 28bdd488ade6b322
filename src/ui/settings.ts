import * as vscode from 'vscode';
import type { AuthFlow } from '../core/auth/credentials';
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
 * Reads the settings. Where credentials go (server, flow, redirect URI) comes from user settings only: a value a
 * workspace sets is ignored even in a trusted workspace, so opening a repository cannot redirect a sign-in.
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

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : max;
}
