import type { AppCredentials, EmulatorClock, Fault, RecordedRequest } from './api';
import type { SeededRandom } from './random';
import type { Directory } from './accountData';
import type { FaultQueue } from './faults';
import type { RateLimiter } from './rateLimits';
import type { TokenStore } from './tokens';

/** Settings that tests may change while the emulator runs. */
export interface Settings {
  omitTotals: boolean;
  passwordGrant: boolean;
  admin: boolean;
  refreshGraceMs: number;
  maxSessions: number;
  authorizeOutcome: 'approve' | 'deny';
}

/** Everything a request handler needs. One per emulator. */
export interface EmulatorState {
  url: string;
  clock: EmulatorClock;
  settings: Settings;
  app: AppCredentials;
  publicClientId: string;
  jwt: string;
  password: string;
  directory: Directory;
  phoneNumbers: Record<string, unknown>[];
  tokens: TokenStore;
  limiter: RateLimiter;
  faults: FaultQueue;
  randomFaults: { rate: number; faults: Omit<Fault, 'times'>[]; random: SeededRandom } | undefined;
  requests: RecordedRequest[];
}
