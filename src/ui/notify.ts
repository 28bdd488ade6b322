import * as vscode from 'vscode';
import type { FixAction } from '../core/errorHints';
import { RingCentralError } from '../core/errors';
import type { Redactor } from '../core/redact';
import { inertText } from '../core/serverText';
import { Commands, SettingKeys } from './ids';
import type { ChannelLogger } from './log';

const SHOW_LOGS = 'Show Logs';

const ACTION_LABELS: Partial<Record<FixAction, string>> = {
  switchToJwt: 'Switch to JWT',
  reenterClientCredentials: 'Re-enter Client ID and Secret',
  reenterPassword: 'Re-enter Password',
  signIn: 'Sign In',
  openAppSettings: 'Open Developer Console',
  checkServer: 'Open Settings',
  checkRedirectUri: 'Open Settings',
};

/**
 * Notifications render `[label](command:…)` and `(https:…)` as live links, and messages carry server text (error
 * messages, HTML titles, paths the user typed): every message goes out inert, after redaction.
 */
function shown(redactor: Redactor, text: string): string {
  return inertText(redactor.redact(text), 1000);
}

/** Shows failures as a notification with the typed error's hint, the fix as a button, and "Show Logs". */
export class Notifier {
  /** What was shown, for the integration tests (already redacted). */
  readonly shown: string[] = [];

  constructor(
    private readonly logger: ChannelLogger,
    private readonly redactor: Redactor,
  ) {}

  info(message: string): void {
    const text = shown(this.redactor, message);
    this.shown.push(`info: ${text}`);
    void vscode.window.showInformationMessage(text);
  }

  /** Reports an error. Does not wait for the user: a command must not hang on a notification nobody clicks. */
  error(e: unknown, context?: string): void {
    const err = toRingCentralError(e);
    if (err.kind === 'cancelled') return;
    const text = shown(this.redactor, `${context ? `${context}: ` : ''}${err.message} ${err.hint}`);
    this.logger.error(text);
    this.shown.push(`error: ${text}`);
    const fix = err.action ? ACTION_LABELS[err.action] : undefined;
    const buttons = fix ? [fix, SHOW_LOGS] : [SHOW_LOGS];
    void vscode.window.showErrorMessage(text, ...buttons).then((choice) => this.follow(choice, err.action));
  }

  private async follow(choice: string | undefined, action: FixAction | undefined): Promise<void> {
    if (choice === SHOW_LOGS) {
      this.logger.channel.show(true);
      return;
    }
    if (!choice || !action) return;
    switch (action) {
      case 'switchToJwt':
        await vscode.workspace.getConfiguration().update(SettingKeys.authFlow, 'jwt', vscode.ConfigurationTarget.Global);
        await vscode.commands.executeCommand(Commands.signIn);
        return;
      case 'reenterClientCredentials':
      case 'reenterPassword':
        await vscode.commands.executeCommand(Commands.signIn, { askAll: true });
        return;
      case 'signIn':
        await vscode.commands.executeCommand(Commands.signIn);
        return;
      case 'openAppSettings':
        await vscode.env.openExternal(vscode.Uri.parse('https://developers.ringcentral.com/console'));
        return;
      case 'checkServer':
        await vscode.commands.executeCommand('workbench.action.openSettings', SettingKeys.server);
        return;
      case 'checkRedirectUri':
        await vscode.commands.executeCommand('workbench.action.openSettings', SettingKeys.redirectUri);
        return;
      case 'retryLater':
        return;
    }
  }
}

export function toRingCentralError(e: unknown): RingCentralError {
  if (e instanceof RingCentralError) return e;
  return new RingCentralError({
    kind: 'config',
    message: `Unexpected error: ${e instanceof Error ? e.message : String(e)}.`,
    hint: 'Details are in the log (RingCentral: Show Logs).',
    cause: e,
  });
}
