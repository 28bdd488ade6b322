/**
 * The two clients under test, wired the way each is meant to be used: our core (RestClient + TokenManager +
 * RingCentralApi, production defaults, silent logger) and `@ringcentral/sdk` 5.x as its README shows, with
 * `handleRateLimit` on and a hand-written paging loop (the SDK has no paging helper).
 */
import { SDK } from '@ringcentral/sdk';
import { RingCentralApi } from '../../src/core/api/ringCentralApi';
import { MemorySessionStore, type SessionStore } from '../../src/core/auth/sessionStore';
import type { SessionCoordinator } from '../../src/core/auth/sessionCoordinator';
import { TokenManager } from '../../src/core/auth/tokenManager';
import type { Clock } from '../../src/core/clock';
import { RestClient } from '../../src/core/http/restClient';
import type { Transport } from '../../src/core/http/transport';
import { undiciTransport } from '../../src/core/http/undiciTransport';

/** What a client needs to reach the emulator; plain data so it can cross into a child process. */
export interface Target {
  server: string;
  clientId: string;
  clientSecret: string;
  jwt: string;
}

export const REST = '/restapi/v1.0';
export const PHONE_NUMBERS = `${REST}/account/~/phone-number`;
export const ACCOUNT = `${REST}/account/~`;

export interface Ours {
  client: RestClient;
  store: SessionStore;
  tokens: TokenManager;
  api: RingCentralApi;
}

/**
 * Our core with production defaults and the transport it uses outside VS Code (`undiciTransport()`); `clock` is
 * the emulator's so that moving its time moves ours.
 */
export function makeOurs(target: Target, options: { clock?: Clock; store?: SessionStore; transport?: Transport; coordinator?: SessionCoordinator } = {}): Ours {
  const client = new RestClient({
    server: target.server,
    transport: options.transport ?? undiciTransport(),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const store = options.store ?? new MemorySessionStore();
  const tokens = new TokenManager({
    client,
    store,
    app: () => Promise.resolve({ clientId: target.clientId, clientSecret: target.clientSecret }),
    ...(options.coordinator ? { coordinator: options.coordinator } : {}),
  });
  return { client, store, tokens, api: new RingCentralApi(client, tokens) };
}

export async function signInOurs(ours: Ours, target: Target): Promise<void> {
  await ours.tokens.signIn({ type: 'jwt', assertion: target.jwt });
}

/** Every company number through `phoneNumbers()`; returns how many valid records arrived. */
export async function inventoryOurs(ours: Ours, onPage?: (numbers: readonly unknown[]) => void, maxPages?: number): Promise<number> {
  let count = 0;
  for await (const page of ours.api.phoneNumbers({}, { perPage: 1000, ...(maxPages ? { maxPages } : {}) })) {
    count += page.numbers.length;
    onPage?.(page.numbers);
  }
  return count;
}

/**
 * A synchronous in-memory `localStorage` for the SDK's cache. Each SDK instance gets its own unless two are
 * meant to share one (two windows); the SDK's default is one module-wide store shared by every instance.
 */
export class MemoryStorage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  keys(): string[] {
    return [...this.map.keys()];
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}

export function makeSdk(target: Target, storage: MemoryStorage = new MemoryStorage()): SDK {
  return new SDK({
    server: target.server,
    clientId: target.clientId,
    clientSecret: target.clientSecret,
    handleRateLimit: true,
    // The SDK's types name the DOM Storage interface (not in this project's libs); MemoryStorage implements what its
    // Cache calls.
    localStorage: storage,
  });
}

export async function signInSdk(sdk: SDK, target: Target): Promise<void> {
  await sdk.platform().login({ jwt: target.jwt });
}

interface ListBody {
  records: unknown[];
  navigation?: { nextPage?: { uri?: string } };
}

/** The paging loop an SDK user writes: perPage=1000, then follow navigation.nextPage until it is absent. */
export async function inventorySdk(sdk: SDK, onPage?: (records: readonly unknown[]) => void, maxPages = Infinity): Promise<number> {
  const platform = sdk.platform();
  let count = 0;
  let url: string | undefined = PHONE_NUMBERS;
  let query: Record<string, number> | undefined = { perPage: 1000, page: 1 };
  for (let pages = 0; url && pages < maxPages; pages++) {
    const res = await platform.get(url, query);
    const body = (await res.json()) as ListBody;
    count += body.records.length;
    onPage?.(body.records);
    url = body.records.length > 0 ? body.navigation?.nextPage?.uri : undefined;
    query = undefined;
  }
  return count;
}

/**
 * The SDK reads `Date.now()` for expiry, not the emulator's clock. When the emulator's time moves forward by
 * `ms`, moving the SDK's stored expiry times back by `ms` is the same thing seen from the SDK.
 */
export async function ageSdkTokens(sdk: SDK, ms: number): Promise<void> {
  const auth = sdk.platform().auth();
  const data = await auth.data();
  await auth.setData({
    ...data,
    expire_time: (data.expire_time ?? 0) - ms,
    refresh_token_expire_time: (data.refresh_token_expire_time ?? 0) - ms,
  });
}
