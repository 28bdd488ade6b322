import { MemorySessionStore, type SessionStore } from '../../src/core/auth/sessionStore';
import { TokenManager, type TokenManagerOptions } from '../../src/core/auth/tokenManager';
import { RingCentralApi } from '../../src/core/api/ringCentralApi';
import { RestClient, type RestClientOptions } from '../../src/core/http/restClient';
import type { Transport } from '../../src/core/http/transport';
import { undiciTransport } from '../../src/core/http/undiciTransport';
import type { Logger } from '../../src/core/logger';
import type { Emulator } from '../emulator/api';

/** A logger that keeps every line, so tests can search what the core wrote. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  trace(m: string): void {
    this.lines.push(`trace ${m}`);
  }
  info(m: string): void {
    this.lines.push(`info ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error ${m}`);
  }
}

export interface Rig {
  client: RestClient;
  store: SessionStore;
  tokens: TokenManager;
  api: RingCentralApi;
  logger: RecordingLogger;
}

/** A core client wired to the emulator, on the emulator's clock so tests can expire tokens without waiting. */
export function rig(
  emu: Emulator,
  options: { client?: Partial<RestClientOptions>; tokens?: Partial<TokenManagerOptions>; store?: SessionStore; transport?: Transport } = {},
): Rig {
  const logger = new RecordingLogger();
  const client = new RestClient({
    server: emu.url,
    clock: emu.clock,
    logger,
    transport: options.transport ?? undiciTransport(),
    retry: { maxRetries: 3, baseDelayMs: 20, maxDelayMs: 100 },
    ...options.client,
  });
  const store = options.store ?? new MemorySessionStore();
  const tokens = new TokenManager({
    client,
    store,
    app: () => Promise.resolve({ ...emu.app }),
    logger,
    storePollMs: 10,
    storeSettleMs: 500,
    ...options.tokens,
  });
  return { client, store, tokens, api: new RingCentralApi(client, tokens), logger };
}

export function tokenRequests(emu: Emulator, grantType?: string): number {
  return emu.requestsTo('/restapi/oauth/token', 'POST').filter((r) => grantType === undefined || r.grantType === grantType).length;
}

export const HOUR = 3600_000;

/** Requests for the company number list; navigation links name the account by id instead of `~`. */
export const PHONE_NUMBER_LIST = /^\/restapi\/v1\.0\/account\/[^/]+\/phone-number$/;

export function listRequests(emu: Emulator): Emulator['requests'] {
  return emu.requests.filter((r) => r.method === 'GET' && PHONE_NUMBER_LIST.test(r.path));
}
