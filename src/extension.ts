import * as vscode from 'vscode';
import { Redactor } from './core/redact';
import { RingCentralAuthProvider } from './ui/auth/authProvider';
import type { CommandContext } from './ui/commands/context';
import { registerCommands } from './ui/commands/registerCommands';
import { runSignIn } from './ui/commands/sessionCommands';
import { ExplorerController } from './ui/explorerController';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL } from './ui/ids';
import { ChannelLogger } from './ui/log';
import { ExplorerModel } from './ui/model/explorerModel';
import { Notifier } from './ui/notify';
import { SessionKeeper } from './ui/sessionKeeper';
import { RingCentralService } from './ui/service';
import { AuthUriHandler } from './ui/signIn/browserSignIn';
import { makeTestHooks, testHooksEnabled, type TestHooks } from './ui/testHooks';

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const redactor = new Redactor();
  const logger = new ChannelLogger(redactor);
  const service = new RingCentralService(context.secrets, logger, redactor);
  const notifier = new Notifier(logger, redactor);
  const model = new ExplorerModel(service);
  const controller = new ExplorerController(service, model, notifier, redactor);
  const uriHandler = new AuthUriHandler();
  const ctx: CommandContext = { service, controller, notifier, logger, redactor, uriHandler, authProvider: undefined! };
  const authProvider = new RingCentralAuthProvider(service, () => runSignIn(ctx));
  ctx.authProvider = authProvider;
  const commands = registerCommands(ctx);

  context.subscriptions.push(
    logger,
    service,
    model,
    controller,
    authProvider,
    new SessionKeeper(service, logger),
    vscode.window.registerUriHandler(uriHandler),
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, authProvider, { supportsMultipleAccounts: false }),
    service.onDidChangeSession(() => void authProvider.sync()),
    model.onDidChange(() => {
      const me = model.data?.me;
      authProvider.setAccountLabel(me ? `${me.name ?? me.contact?.email ?? 'RingCentral user'}${me.extensionNumber ? ` (ext. ${me.extensionNumber})` : ''}` : undefined);
    }),
    ...commands.disposables,
  );
  if (service.settingsProblem) notifier.error(service.settingsProblem);

  return testHooksEnabled()
    ? makeTestHooks({ service, controller, notifier, authProvider, logUri: context.logUri, globalStorageUri: context.globalStorageUri, storageUri: context.storageUri, secrets: context.secrets, registeredCommands: commands.ids })
    : undefined;
}

export function deactivate(): void {}
