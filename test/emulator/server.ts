import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { buildDirectory, setAdminFlag, type Directory } from './accountData';
import type { Emulator, EmulatorOptions, Fault, GroupLimit, RateGroup, RecordedRequest } from './api';
import { OffsetClock } from './clock';
import { resolveCredentials } from './credentials';
import { FaultQueue } from './faults';
import type { Exchange } from './http';
import { buildPhoneNumbers, type NumberOwner } from './phoneNumbers';
import { SeededRandom } from './random';
import { RateLimiter } from './rateLimits';
import { createListener, tildePath } from './router';
import type { EmulatorState } from './state';
import { TokenStore } from './tokens';

export type { Emulator, EmulatorOptions } from './api';

const OWNER_TYPES = new Set(['User', 'Department', 'VirtualUser', 'DigitalUser', 'FaxUser', 'SharedLinesGroup', 'IvrMenu']);

function owners(dir: Directory): NumberOwner[] {
  return dir.extensions
    .filter((e) => e['extensionNumber'] !== undefined && e['status'] !== 'Unassigned' && OWNER_TYPES.has(String(e['type'])))
    .map((e) => ({
      id: Number(e['id']),
      type: String(e['type']),
      ref: { id: Number(e['id']), uri: String(e['uri']), extensionNumber: String(e['extensionNumber']), name: String(e['name']) },
    }));
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Starts the RingCentral platform emulator on 127.0.0.1 (random port unless `options.port`). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed = options.seed ?? 1;
  const clock = new OffsetClock();
  const server = createServer();
  server.keepAliveTimeout = 5000;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const mainNumber = String(buildPhoneNumbers({ base: url, accountId: 0, seed, count: 1, owners: [] })[0]?.['phoneNumber']);
  const admin = options.admin ?? true;
  const directory = buildDirectory({ base: url, seed, extensions: options.extensions ?? 30, admin, mainNumber });
  const numberOwners = owners(directory);
  const inventory = (count: number): Record<string, unknown>[] =>
    buildPhoneNumbers({ base: url, accountId: directory.accountId, seed, count, owners: numberOwners });
  const creds = resolveCredentials(options.credentials, String(directory.me['id']), String(directory.accountId));
  const settings: EmulatorState['settings'] = {
    omitTotals: options.omitTotals ?? false,
    passwordGrant: options.passwordGrant ?? false,
    admin,
    refreshGraceMs: options.refreshGraceMs ?? 10_000,
    maxSessions: options.maxSessions ?? 5,
    authorizeOutcome: 'approve',
  };
  const requests: RecordedRequest[] = [];
  const st: EmulatorState = {
    url,
    clock,
    settings,
    app: { clientId: creds.clientId, clientSecret: creds.clientSecret },
    publicClientId: creds.publicClientId,
    jwt: creds.jwt,
    password: creds.password,
    directory,
    phoneNumbers: inventory(options.phoneNumbers ?? 120),
    tokens: new TokenStore(clock, settings),
    limiter: new RateLimiter(clock, options.limits, options.unlimited ?? false),
    faults: new FaultQueue(),
    randomFaults: undefined,
    requests,
  };

  const timers = new Set<NodeJS.Timeout>();
  const held = new Set<Exchange>();
  let closing: Promise<void> | undefined;
  server.on(
    'request',
    createListener(st, {
      hold: (ex) => {
        held.add(ex);
        ex.res.on('close', () => held.delete(ex));
      },
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, ms);
          timers.add(t);
        }),
    }),
  );

  const emulator: Emulator = {
    url,
    app: st.app,
    publicApp: { clientId: creds.publicClientId },
    jwt: creds.jwt,
    user: {
      username: mainNumber,
      password: creds.password,
      extension: String(directory.me['extensionNumber']),
      extensionId: String(directory.me['id']),
    },
    clock,
    requests,
    get data() {
      return { account: directory.account, me: directory.me, extensions: directory.extensions, phoneNumbers: st.phoneNumbers };
    },
    inject: (fault: Fault) => st.faults.add(fault),
    setRandomFaults: (spec) => {
      st.randomFaults = spec && { rate: spec.rate, faults: spec.faults, random: new SeededRandom(spec.seed ?? 1) };
    },
    clearFaults: () => st.faults.clear(),
    setLimit: (group: RateGroup, limit: GroupLimit) => st.limiter.setLimit(group, limit),
    setPasswordGrant: (allowed: boolean) => {
      settings.passwordGrant = allowed;
    },
    setPhoneNumberCount: (n: number) => {
      st.phoneNumbers = inventory(n);
    },
    requestsTo: (prefix: string, method?: string) =>
      requests.filter(
        (r) =>
          (r.path.startsWith(prefix) || tildePath(st, r.path).startsWith(prefix)) &&
          (method === undefined || r.method === method.toUpperCase()),
      ),
    liveSessions: () => st.tokens.liveSessions(),
    setOmitTotals: (omit: boolean) => {
      settings.omitTotals = omit;
    },
    setAdmin: (value: boolean) => {
      settings.admin = value;
      setAdminFlag(directory, value);
    },
    setUnlimited: (value: boolean) => {
      st.limiter.unlimited = value;
    },
    setAuthorizeOutcome: (outcome: 'approve' | 'deny') => {
      settings.authorizeOutcome = outcome;
    },
    revokeAllSessions: () => st.tokens.revokeAll(),
    clearRequests: () => {
      requests.length = 0;
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        for (const ex of held) ex.req.socket.destroy();
        held.clear();
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
  return emulator;
}
