import * as path from 'node:path';
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
import { sharedFolder } from './ui/sharedFolder';
import { RingCentralService } from './ui/service';
import { AuthUriHandler } from './ui/signIn/browserSignIn';
import { makeTestHooks, testHooksEnabled, type TestHooks } from './ui/testHooks';
import { offerWalkthroughOnce } from './ui/walkthrough';

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const redactor = new Redactor();
  const logger = new ChannelLogger(redactor);
  const folder = sharedFolder(context);
  const service = new RingCentralService(context.secrets, path.join(folder, 'coordination'), logger, redactor);
  const notifier = new Notifier(logger, redactor);
  const model = new ExplorerModel(service, logger, redactor, folder);
  const controller = new ExplorerController(service, model, notifier, redactor);
  const uriHandler = new AuthUriHandler(redactor, logger);
  const ctx: CommandContext = { service, controller, notifier, logger, redactor, uriHandler, authProvider: undefined! };
  const authProvider = new RingCentralAuthProvider(service, () => runSignIn(ctx));
  ctx.authProvider = authProvider;
  const commands = registerCommands(ctx);
  const keeper = new SessionKeeper(service, logger);

  context.subscriptions.push(
    logger,
    service,
    model,
    controller,
    authProvider,
    keeper,
    vscode.window.onDidChangeWindowState((state) => {
      // The first thing that happens after a laptop wakes up: look at the wall clock now.
      if (state.focused) void keeper.check();
    }),
    service.onDidChangeSession(() => {
      void authProvider.sync();
      void keeper.check();
    }),
    service.onDidEndSession((e) => notifier.error(e, 'Signed out of RingCentral')),
    vscode.window.registerUriHandler(uriHandler),
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, authProvider, { supportsMultipleAccounts: false }),
    ...commands.disposables,
  );
  if (service.settingsProblem) notifier.error(service.settingsProblem);
  offerWalkthroughOnce(context.globalState, async () => (await service.session()) !== undefined).catch((e: unknown) => logger.warn(`Could not open the walkthrough: ${String(e)}`));

  // TEST_BUILD is false in the production bundle (esbuild.mjs), which then leaves the hooks out entirely.
  return TEST_BUILD && testHooksEnabled()
    ? makeTestHooks({ service, controller, notifier, authProvider, logUri: context.logUri, globalStorageUri: context.globalStorageUri, storageUri: context.storageUri, secrets: context.secrets, registeredCommands: commands.ids })
    : undefined;
}

export function deactivate(): void {}
