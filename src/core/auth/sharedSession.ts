import { sleep } from '../clock';
import type { Logger } from '../logger';
import { sessionIn, type Session } from './session';
import type { SessionCoordinator } from './sessionCoordinator';
import type { SessionStore } from './sessionStore';

export interface SharedSessionOptions {
  store: SessionStore;
  coordinator: SessionCoordinator;
  server: string;
  logger: Logger;
  /** How long to wait for another window's write to reach this window's copy of the store. */
  settleMs: number;
  pollMs: number;
}

/**
 * This window's view of the session every window shares: the record in the store (SecretStorage: a cached copy
 * per window, other windows' writes arrive after a delayed flush) read together with the coordinator's ledger,
 * which says what the newest write was and whether it was signed out.
 */
export class SharedSession {
  /** A generation the ledger named that never reached this window's store (wiped keychain?): not waited for again. */
  private neverArrived = 0;

  constructor(private readonly o: SharedSessionOptions) {}

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.o.coordinator.exclusive(work);
  }

  async read(): Promise<Session | undefined> {
    return sessionIn(await this.o.store.read(), this.o.server);
  }

  /** Above every generation stored or signed out so far, in any window. */
  async nextGeneration(): Promise<number> {
    const ledger = await this.o.coordinator.ledger();
    return Math.max((await this.read())?.generation ?? 0, ledger.generation, ledger.signedOutGeneration) + 1;
  }

  async store(session: Session): Promise<void> {
    await this.o.store.write({ session });
    await this.o.coordinator.note({ generation: session.generation });
  }

  /** Marks `generation` and everything before it as over: the ledger first, so other windows see it soonest. */
  async markSignedOut(generation: number, at: number): Promise<void> {
    await this.o.coordinator.note({ generation, signedOutGeneration: generation });
    await this.o.store.write({ signedOut: { generation, at } });
  }

  /** Whether a sign-out or an ended session (in any window) covers `base`. */
  async signedOutSince(base: Session): Promise<boolean> {
    if ((await this.o.coordinator.ledger()).signedOutGeneration >= base.generation) return true;
    const record = await this.o.store.read();
    return !record?.session && (record?.signedOut?.generation ?? 0) >= base.generation;
  }

  /** The stored session, once this window's copy has caught up with the newest generation the ledger names. */
  async settled(): Promise<Session | undefined> {
    const deadline = Date.now() + this.o.settleMs;
    for (;;) {
      const ledger = await this.o.coordinator.ledger();
      const record = await this.o.store.read();
      const session = sessionIn(record, this.o.server);
      if (session && ledger.signedOutGeneration >= session.generation) return undefined;
      const seen = Math.max(session?.generation ?? 0, record?.signedOut?.generation ?? 0);
      if (ledger.generation <= seen || ledger.generation <= this.neverArrived) return session;
      if (Date.now() >= deadline) {
        this.neverArrived = ledger.generation;
        this.o.logger.warn('Another window renewed the session, but its copy has not reached this window yet; going on with the one here.');
        return session;
      }
      await sleep(this.o.pollMs);
    }
  }

  /** After invalid_grant: the pair another window stored meanwhile, if it arrives within the settling time. */
  async newerThan(current: Session): Promise<Session | undefined> {
    const deadline = Date.now() + this.o.settleMs;
    for (;;) {
      const stored = await this.read();
      if (stored && (stored.generation > current.generation || (stored.generation === current.generation && stored.refreshToken !== current.refreshToken))) return stored;
      if (Date.now() >= deadline) return undefined;
      await sleep(this.o.pollMs);
    }
  }
}
