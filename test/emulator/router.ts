import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RateGroup, RecordedRequest } from './api';
import { claimedClientId } from './clientAuth';
import { oauth, rest, type Reply } from './errors';
import { applyFault } from './faults';
import { parseBearer, readBody, redirect, sendEmpty, sendReply, type Exchange } from './http';
import { handleAuthorize, handleRevoke } from './oauthAuthorize';
import { handleToken } from './oauthToken';
import { opaqueToken } from './random';
import { matchRest } from './restRoutes';
import type { EmulatorState } from './state';
import { SCOPE } from './tokens';

const OAUTH = '/restapi/oauth/';
const REST = '/restapi/v1.0/';

export interface RouterHooks {
  hold(ex: Exchange): void;
  sleep(ms: number): Promise<void>;
}

/** The node:http request listener: log, faults, rate limits, then the OAuth or REST handler. */
export function createListener(st: EmulatorState, hooks: RouterHooks): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    res.on('error', () => undefined);
    // Answers carry the platform's time, as real ones do: clients that judge token expiry by the server's clock
    // must see the emulator's (advanced) clock, not the machine's.
    res.sendDate = false;
    res.setHeader('Date', new Date(st.clock.now()).toUTCString());
    handle(st, hooks, req, res).catch((err: unknown) => {
      console.error('[emulator] handler failed:', err);
      if (!res.headersSent && !res.destroyed) {
        const reply = rest.internal();
        res.writeHead(reply.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(reply.body));
      }
    });
  };
}

/**
 * The path with the account id and the signed-in user's extension id written as `~`.
 * Navigation URIs carry numeric ids (as on the platform); fault and log prefixes written with
 * `~` still match requests that follow them.
 */
export function tildePath(st: EmulatorState, path: string): string {
  const acc = String(st.directory.accountId);
  const me = String(st.directory.me['id']);
  return path.replace(new RegExp(`/account/${acc}(?=/|$)`), '/account/~').replace(new RegExp(`/extension/${me}(?=/|$)`), '/extension/~');
}

function groupOf(st: EmulatorState, method: string, path: string, query: URLSearchParams): RateGroup | undefined {
  if (path.startsWith(OAUTH)) return 'Auth';
  if (path.startsWith(REST)) return matchRest(st, method, path, query).group;
  return undefined;
}

async function handle(st: EmulatorState, hooks: RouterHooks, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', st.url);
  const path = url.pathname;
  const record: RecordedRequest = {
    at: st.clock.now(),
    method,
    path,
    query: url.searchParams,
    headers: { ...req.headers },
    body: '',
    status: 0,
    group: groupOf(st, method, path, url.searchParams),
  };
  st.requests.push(record);
  record.body = await readBody(req);
  const isForm = (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
  const form = new URLSearchParams(isForm ? record.body : '');
  if (path === `${OAUTH}token`) {
    const grant = form.get('grant_type');
    if (grant !== null) record.grantType = grant;
  }
  const ex: Exchange = { req, res, record, method, path, query: url.searchParams, body: record.body, rateHeaders: {} };
  const fault = st.faults.take(method, [path, tildePath(st, path)]) ?? st.faults.random(st.randomFaults, method, [path, tildePath(st, path)]);
  if (fault) record.fault = fault.kind;
  if (fault && (await applyFault(ex, fault, { ...hooks, sampleBody: () => sampleBody(st, ex) }))) return;
  if (path.startsWith(OAUTH)) oauthRoute(st, ex, form);
  else if (path.startsWith(REST)) restRoute(st, ex);
  else sendReply(ex, rest.notFound('path', path));
}

function oauthRoute(st: EmulatorState, ex: Exchange, form: URLSearchParams): void {
  const auth = ex.req.headers.authorization;
  const decision = st.limiter.hit(`app:${claimedClientId(auth, form, ex.query)}`, 'Auth');
  ex.rateHeaders = decision.headers;
  if (!decision.allowed) return sendReply(ex, oauth.rateLimited());
  const endpoint = ex.path.slice(OAUTH.length);
  let reply: Reply;
  if (endpoint === 'token' && ex.method === 'POST') {
    reply = handleToken(st, ex.req.headers['content-type'], auth, form);
  } else if (endpoint === 'revoke' && ex.method === 'POST') {
    reply = handleRevoke(st, auth, form, ex.query);
  } else if (endpoint === 'authorize' && ex.method === 'GET') {
    const result = handleAuthorize(st, ex.query);
    if ('redirect' in result) return redirect(ex, result.redirect);
    reply = result;
  } else {
    reply = rest.notFound('path', ex.path);
  }
  if (reply.body === undefined) sendEmpty(ex, reply.status, reply.headers);
  else sendReply(ex, reply);
}

function restRoute(st: EmulatorState, ex: Exchange): void {
  const header = ex.req.headers.authorization;
  const bearer = parseBearer(header);
  const check = bearer === undefined ? undefined : st.tokens.checkAccess(bearer);
  const owner = check?.session ? `${check.session.clientId}:${check.session.ownerId}` : 'anonymous';
  const route = matchRest(st, ex.method, ex.path, ex.query);
  const decision = st.limiter.hit(owner, route.group);
  ex.rateHeaders = decision.headers;
  if (!decision.allowed) return sendReply(ex, rest.rateLimited());
  if (check === undefined) return sendReply(ex, rest.noAuthHeader());
  if (!check.ok) {
    const reply = check.reason === 'expired' ? rest.tokenExpired() : check.reason === 'corrupted' ? rest.tokenCorrupted() : rest.tokenNotFound();
    return sendReply(ex, reply);
  }
  sendReply(ex, route.answer());
}

/** A success body for the request's path, computed without side effects (for `truncated`). */
function sampleBody(st: EmulatorState, ex: Exchange): unknown {
  if (ex.path.startsWith(REST)) {
    const reply = matchRest(st, ex.method, ex.path, ex.query).answer();
    return reply.body;
  }
  if (ex.path === `${OAUTH}token`) {
    return {
      access_token: opaqueToken(36),
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token: opaqueToken(36),
      refresh_token_expires_in: 604800,
      scope: SCOPE,
      owner_id: String(st.directory.me['id']),
      endpoint_id: opaqueToken(16),
    };
  }
  return undefined;
}
