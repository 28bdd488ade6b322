import { sleep } from '../clock';
import { RingCentralError } from '../errors';
import type { Logger } from '../logger';
import type { TokenInfo } from '../schemas/token';
import type { AppCredentials, TokenTtl } from './credentials';
import type { TokenEndpoint } from './tokenEndpoint';

/** RingCentral answers a spent refresh token with the same new pair for about 10 s (API.md); stay inside that. */
const REPLAY_GRACE_MS = 8_000;

export interface RefreshRetryOptions {
  ttl: TokenTtl | undefined;
  retries: number;
  delayMs: number;
  logger: Logger;
}

/**
 * No usable answer (dropped connection, timeout, a gateway's 502/504, a body cut off on the way) says nothing about
 * whether the platform spent the refresh token; a 503 and every error the platform itself answers do.
 */
export function lostAnswer(e: RingCentralError): boolean {
  return e.kind === 'network' || e.kind === 'timeout' || e.kind === 'malformed' || (e.kind === 'http' && (e.status === 502 || e.status === 504));
}

/**
 * Spends the refresh token. When the answer was lost, the same token is sent again while the platform still replays
 * the pair it issued, so a dropped connection does not cost the session.
 */
export async function refreshWithRetry(endpoint: TokenEndpoint, app: AppCredentials, refreshToken: string, o: RefreshRetryOptions): Promise<TokenInfo> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await endpoint.refresh(app, refreshToken, o.ttl);
    } catch (e) {
      const retry = e instanceof RingCentralError && lostAnswer(e) && attempt < o.retries && Date.now() - started + o.delayMs < REPLAY_GRACE_MS;
      if (!retry) throw e;
      o.logger.warn(`The answer to the refresh was lost (${e.code ?? e.kind}); asking again with the same refresh token (${attempt + 1} of ${o.retries}).`);
      await sleep(o.delayMs * (attempt + 1));
    }
  }
}
