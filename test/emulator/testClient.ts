/**
 * Small HTTP helpers for talking to the emulator in tests (global fetch, real loopback HTTP).
 * Bodies are returned as `unknown`; read nested values with `at(body, 'errors.0.errorCode')`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Emulator } from './api';

export const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const FORM = 'application/x-www-form-urlencoded';

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: unknown;
}

export interface TokenBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  scope: string;
  owner_id: string;
  endpoint_id: string;
}

/** Reads a dotted path (`a.b.0.c`) from a JSON value. */
export function at(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function basicAuth(app: { clientId: string; clientSecret: string }): string {
  return `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;
}

async function toResult(res: Response): Promise<HttpResult> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

export interface TokenCallOptions {
  /** Authorization header; default the confidential app's Basic header; null sends none. */
  authorization?: string | null;
  contentType?: string;
  path?: string;
}

/** POST a form to /restapi/oauth/token (or `path`). */
export async function postForm(em: Emulator, params: Record<string, string>, opts: TokenCallOptions = {}): Promise<HttpResult> {
  const headers: Record<string, string> = { 'Content-Type': opts.contentType ?? FORM };
  const authorization = opts.authorization === undefined ? basicAuth(em.app) : opts.authorization;
  if (authorization !== null) headers['Authorization'] = authorization;
  const res = await fetch(`${em.url}${opts.path ?? '/restapi/oauth/token'}`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  });
  return toResult(res);
}

/** JWT sign-in with the emulator's credential; throws unless it answers 200. */
export async function signIn(em: Emulator, extra: Record<string, string> = {}): Promise<TokenBody> {
  const r = await postForm(em, { grant_type: JWT_GRANT, assertion: em.jwt, ...extra });
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${r.text}`);
  return r.body as TokenBody;
}

export async function refresh(em: Emulator, refreshToken: string, opts: TokenCallOptions = {}): Promise<HttpResult> {
  return postForm(em, { grant_type: 'refresh_token', refresh_token: refreshToken }, opts);
}

/** GET a REST path (or absolute URL) with an optional bearer token. */
export async function api(em: Emulator, pathOrUrl: string, accessToken?: string, signal?: AbortSignal): Promise<HttpResult> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${em.url}${pathOrUrl}`;
  const headers: Record<string, string> = accessToken === undefined ? {} : { Authorization: `Bearer ${accessToken}` };
  return toResult(await fetch(url, { headers, ...(signal ? { signal } : {}) }));
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** GET /restapi/oauth/authorize without following the redirect. */
export async function authorize(em: Emulator, params: Record<string, string>): Promise<HttpResult & { location: string | null }> {
  const res = await fetch(`${em.url}/restapi/oauth/authorize?${new URLSearchParams(params).toString()}`, { redirect: 'manual' });
  return { ...(await toResult(res)), location: res.headers.get('location') };
}

/** Runs the browser part of the code flow and returns the code from the redirect. */
export async function authorizationCode(
  em: Emulator,
  clientId: string,
  redirectUri: string,
  challenge?: string,
): Promise<string> {
  const params: Record<string, string> = { response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state: 'st-1' };
  if (challenge !== undefined) Object.assign(params, { code_challenge: challenge, code_challenge_method: 'S256' });
  const r = await authorize(em, params);
  const code = r.location === null ? null : new URL(r.location).searchParams.get('code');
  if (r.status !== 302 || !code) throw new Error(`authorize failed: ${r.status} ${r.text} ${String(r.location)}`);
  return code;
}
