// One VS Code window, in a process of its own: the core client the extension builds (RestClient, TokenManager with
// the folder coordinator, the shared rate book, the session record in SecretStorage), on the VS Code-like
// SecretStorage double whose main-process copy lives in the test process. Driven by messages from windows.ts.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { RingCentralApi } from '../../../src/core/api/ringCentralApi';
import { SecretSessionStore } from '../../../src/core/auth/secretSessionStore';
import { ProcessCoordinator } from '../../../src/core/auth/sessionCoordinator';
import { TokenManager, type SessionChange } from '../../../src/core/auth/tokenManager';
import { FolderCoordinator } from '../../../src/core/coordination/folderCoordinator';
import { RingCentralError } from '../../../src/core/errors';
import { RestClient } from '../../../src/core/http/restClient';
import { undiciTransport } from '../../../src/core/http/undiciTransport';
import { MemoryRateBook } from '../../../src/core/rateLimit/rateBook';
import { RateGates } from '../../../src/core/rateLimit/rateGate';
import { SharedRateBook } from '../../../src/core/rateLimit/sharedRateBook';
import { Redactor } from '../../../src/core/redact';
import { childDatabase, WindowSecrets, WindowStorage } from '../../doubles/vscodeSecretStorage';
import type { WindowCommand, WindowConfig, WindowReply } from './protocol';

let api: RingCentralApi;
let tokens: TokenManager;
let store: SecretSessionStore;
const changes: SessionChange['reason'][] = [];

async function init(c: WindowConfig): Promise<void> {
  const storage = new WindowStorage(childDatabase(), c.flushDelayMs);
  await storage.init();
  const secrets = new WindowSecrets(storage);
  const client = new RestClient({
    server: c.server,
    transport: undiciTransport(),
    timeoutMs: c.timeoutMs,
    retry: { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 100 },
    gates: new RateGates({ now: () => Date.now() }, c.isolated ? new MemoryRateBook() : new SharedRateBook(path.join(c.folder, 'rate-limits.json'))),
  });
  store = new SecretSessionStore(secrets, c.server, new Redactor());
  tokens = new TokenManager({
    client,
    store,
    app: () => Promise.resolve(c.app),
    coordinator: c.isolated ? new ProcessCoordinator() : new FolderCoordinator({ folder: c.folder, server: c.server, staleMs: 60_000 }),
    lostAnswerDelayMs: 50,
    ...(c.jwt
      ? { silent: { grant: () => Promise.resolve({ type: 'jwt' as const, assertion: c.jwt! }), refused: (e: RingCentralError) => Promise.resolve(e) } }
      : {}),
  });
  tokens.onDidChange((change) => changes.push(change.reason));
  // As the extension does: another window's write reaching this window's copy reloads the session.
  store.onDidChange(() => void tokens.reload());
  api = new RingCentralApi(client, tokens);
}

function describe(e: unknown): string {
  return e instanceof RingCentralError ? `${e.kind}${e.code ? ` ${e.code}` : ''}: ${e.message}` : String(e);
}

function fingerprint(token: string | undefined): string | undefined {
  return token === undefined ? undefined : createHash('sha256').update(token).digest('hex').slice(0, 12);
}

async function run(cmd: WindowCommand): Promise<unknown> {
  switch (cmd.op) {
    case 'init':
      return init(cmd.config);
    case 'signIn':
      return (await tokens.signIn({ type: 'jwt', assertion: cmd.jwt })).generation;
    case 'calls': {
      const results = await Promise.allSettled(Array.from({ length: cmd.count }, () => api.account()));
      return { ok: results.filter((r) => r.status === 'fulfilled').length, errors: results.flatMap((r) => (r.status === 'rejected' ? [describe(r.reason)] : [])) };
    }
    case 'load': {
      let records = 0;
      try {
        for await (const page of api.phoneNumbers({}, { perPage: 1000 })) records += page.numbers.length;
        return { records };
      } catch (e) {
        return { records, error: describe(e) };
      }
    }
    case 'signOut':
      return tokens.signOut();
    case 'session': {
      const s = await tokens.reload();
      return s ? { generation: s.generation, access: fingerprint(s.accessToken) } : undefined;
    }
    case 'changes':
      return changes;
  }
}

process.on('message', (m: { rpc?: number; cmd?: WindowCommand }) => {
  const { rpc, cmd } = m;
  if (rpc === undefined || !cmd) return;
  run(cmd).then(
    (value) => process.send?.({ rpc, value } satisfies WindowReply),
    (e: unknown) => process.send?.({ rpc, error: describe(e) } satisfies WindowReply),
  );
});
process.on('disconnect', () => process.exit(0));
