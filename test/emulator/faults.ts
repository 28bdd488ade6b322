import type { Fault } from './api';
import type { SeededRandom } from './random';
import { oauthErrorForStatus, restErrorForStatus } from './errors';
import { dropConnection, JSON_TYPE, sendJson, sendRaw, type Exchange } from './http';

/**
 * Queued faults, matched in order against each request (path prefix or regex, method) and used
 * up after `times` hits. Faults are matched before anything else: a request hit by a fault
 * (other than `delay`) is answered by the fault alone. It is NOT counted by the rate limiter,
 * does not restart a penalty and does not touch tokens or sessions, like a failure in a gateway
 * in front of the platform. A `delay` only postpones normal processing, which then counts.
 */
export class FaultQueue {
  private readonly items: { fault: Fault; left: number }[] = [];

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (times > 0) this.items.push({ fault: { ...fault }, left: times });
  }

  clear(): void {
    this.items.length = 0;
  }

  get pending(): number {
    return this.items.length;
  }

  /**
   * The first queued fault matching the request, consumed once; undefined if none. `paths` are
   * the request path and its aliases (numeric ids written as `~`); any of them may match.
   */
  take(method: string, paths: readonly string[]): Fault | undefined {
    const index = this.items.findIndex(({ fault }) => paths.some((p) => matches(fault, method, p)));
    if (index < 0) return undefined;
    const item = this.items[index];
    if (!item) return undefined;
    item.left -= 1;
    if (item.left <= 0) this.items.splice(index, 1);
    return item.fault;
  }

  /** With probability `rate`, one of the random faults that matches the request (soak tests). */
  random(spec: { rate: number; faults: Omit<Fault, 'times'>[]; random: SeededRandom } | undefined, method: string, paths: readonly string[]): Fault | undefined {
    if (!spec || !spec.random.chance(spec.rate)) return undefined;
    const matching = spec.faults.filter((f) => paths.some((p) => matches(f, method, p)));
    return matching.length > 0 ? spec.random.pick(matching) : undefined;
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path === undefined) return true;
  if (typeof fault.path === 'string') return path.startsWith(fault.path);
  fault.path.lastIndex = 0;
  return fault.path.test(path);
}

export interface FaultHooks {
  /** Keeps a hanging exchange until the emulator closes. */
  hold(ex: Exchange): void;
  /** A plausible success body for the path (for `truncated`), computed without side effects. */
  sampleBody(): unknown;
  sleep(ms: number): Promise<void>;
}

/** Applies a fault; resolves to true when the fault answered (or dropped) the request. */
export async function applyFault(ex: Exchange, fault: Fault, hooks: FaultHooks): Promise<boolean> {
  const isOAuth = ex.path.startsWith('/restapi/oauth/');
  const extra = { ...(fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {}), ...fault.headers };
  switch (fault.kind) {
    case 'delay':
      await hooks.sleep(fault.ms ?? 1000);
      return false;
    case 'reset':
      dropConnection(ex);
      return true;
    case 'slowAnswer':
      ex.answerDelayMs = fault.ms ?? 1000;
      return false;
    case 'resetAfter':
      // The platform acted (a refresh token was spent, a session started) but its answer never arrived.
      ex.dropAnswer = true;
      return false;
    case 'hang':
      hooks.hold(ex);
      return true;
    case 'status': {
      const status = fault.status ?? 503;
      const reply = isOAuth ? oauthErrorForStatus(status) : restErrorForStatus(status);
      sendJson(ex, status, fault.body ?? reply.body, extra);
      return true;
    }
    case 'malformed':
      sendRaw(ex, fault.status ?? 200, JSON_TYPE, '<<< upstream answered: this is not JSON >>>', extra);
      return true;
    case 'truncated': {
      const text = JSON.stringify(hooks.sampleBody() ?? { records: [] });
      sendRaw(ex, fault.status ?? 200, JSON_TYPE, text.slice(0, Math.max(1, Math.floor(text.length / 2))), extra);
      return true;
    }
    case 'html': {
      const status = fault.status ?? 502;
      const title = `${status} ${status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Unavailable' : 'Error'}`;
      const page = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
      sendRaw(ex, status, 'text/html', page, extra);
      return true;
    }
    case 'empty':
      sendRaw(ex, fault.status ?? 200, JSON_TYPE, '', extra);
      return true;
  }
}
