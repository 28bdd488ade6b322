import { AccountInfoSchema, type AccountInfo } from '../../core/schemas/account';
import { ExtensionInfoSchema, type ExtensionInfo } from '../../core/schemas/extension';
import { parseAsReceived } from '../../core/schemas/parse';
import { Loadable, type DataSource, type KeptOutcome } from './loadable';
import type { ListEnvironment } from './listModel';

export interface AccountData {
  account: AccountInfo;
  /** The signed-in user. */
  me: ExtensionInfo;
  loadedAt: number;
  source: DataSource;
}

/** Name of the kept entry beside the lists. */
const KEPT_NAME = 'account';

/** The account and the signed-in user (two Light requests), kept on disk like the lists. */
export class AccountModel extends Loadable<AccountData> {
  constructor(private readonly env: ListEnvironment) {
    super();
  }

  protected async fromKept(generation: number): Promise<KeptOutcome> {
    const kept = this.env.kept();
    if (!kept) return 'none';
    try {
      const read = await kept.store.read(kept.scope, KEPT_NAME);
      if (generation !== this.generation || this._data !== undefined) return 'fresh';
      if (read.kind !== 'found') return 'none';
      const data = read.data as { account?: unknown; me?: unknown } | null;
      const account = parseAsReceived(AccountInfoSchema, data?.account);
      const me = parseAsReceived(ExtensionInfoSchema, data?.me);
      if (!account.success || !me.success) {
        await kept.store.remove(kept.scope, KEPT_NAME);
        return 'none';
      }
      this._data = { account: account.data, me: me.data, loadedAt: read.savedAt, source: 'kept' };
      this.emitter.fire();
      const age = this.env.now() - read.savedAt;
      return age > kept.maxAgeMs || age < -60_000 ? 'stale' : 'fresh';
    } catch (e) {
      this.env.logger.warn(`The kept account information could not be read (${e instanceof Error ? e.message : String(e)}).`);
      return 'none';
    }
  }

  protected async fetch(signal: AbortSignal, generation: number): Promise<void> {
    const api = this.env.api();
    const [account, me] = await Promise.all([api.account({ signal }), api.me({ signal })]);
    if (signal.aborted || generation !== this.generation) return;
    const loadedAt = this.env.now();
    this._data = { account, me, loadedAt, source: 'server' };
    this._error = undefined;
    const kept = this.env.kept();
    if (!kept) return;
    try {
      await kept.store.write(kept.scope, KEPT_NAME, { account, me }, loadedAt, this.env.secrets());
      if (generation !== this.generation) await kept.store.remove(kept.scope, KEPT_NAME);
    } catch (e) {
      this.env.logger.warn(`The account information could not be kept on disk: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
