import type { Redactor } from '../../core/redact';
import type { AuthUriHandler } from '../signIn/browserSignIn';
import type { ExplorerController } from '../explorerController';
import type { ChannelLogger } from '../log';
import type { Notifier } from '../notify';
import type { RingCentralService } from '../service';
import type { RingCentralAuthProvider } from '../auth/authProvider';

/** What command handlers work with. */
export interface CommandContext {
  service: RingCentralService;
  controller: ExplorerController;
  notifier: Notifier;
  logger: ChannelLogger;
  redactor: Redactor;
  uriHandler: AuthUriHandler;
  authProvider: RingCentralAuthProvider;
}
