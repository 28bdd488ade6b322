// One window's part in test/multiwindow/sharedSession.mjs, loaded by VS Code as `extensionTestsPath` (the
// @vscode/test-electron contract: run() resolves when the window is done). It asks the driver for one step at a
// time over HTTP on 127.0.0.1 (RC_MW_CONTROL), does it with the extension's test hooks, and answers with what
// happened. Tokens never leave this process: a session is described by fingerprints (8 hex digits of a SHA-256).
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { Commands } from '../../src/ui/ids';
import type { TestHooks } from '../../src/ui/testHooks';
import { answerInputs, hooks, waitFor } from '../integration/support';

interface Step {
  id: number;
  op: string;
  args: Record<string, unknown>;
}

const control = process.env.RC_MW_CONTROL ?? '';
const role = process.env.RC_MW_ROLE ?? '?';

const fingerprint = (s: string | undefined): string | undefined => (s ? createHash('sha256').update(s).digest('hex').slice(0, 8) : undefined);

async function post(path: string, body: unknown): Promise<void> {
  await fetch(`${control}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The next step; 'exit' also when the driver no longer knows this extension host (its window was reloaded). */
async function next(): Promise<Step | undefined> {
  const res = await fetch(`${control}/next?role=${encodeURIComponent(role)}&pid=${process.pid}`);
  if (res.status === 410) return { id: 0, op: 'exit', args: {} };
  return res.status === 200 ? ((await res.json()) as Step) : undefined;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);

/**
 * Polls SecretStorage for `key` to hold `value` every 50 ms, and listens for its change event, for up to `ms`;
 * reports when each happened (epoch ms: the windows run on one machine, so the driver compares them).
 */
async function watchSecret(h: TestHooks, key: string, value: string, ms: number): Promise<{ seenAt?: number; changeEventAt?: number }> {
  const t0 = Date.now();
  const out: { seenAt?: number; changeEventAt?: number } = {};
  const sub = h.secrets.onDidChange((e) => {
    if (e.key === key && out.changeEventAt === undefined) out.changeEventAt = Date.now();
  });
  try {
    while (Date.now() - t0 < ms) {
      if (out.seenAt === undefined && (await h.secrets.get(key)) === value) out.seenAt = Date.now();
      if (out.seenAt !== undefined && out.changeEventAt !== undefined) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    sub.dispose();
  }
  return out;
}

async function describeSession(h: TestHooks): Promise<Record<string, unknown>> {
  const s = await h.service.session();
  return s
    ? { signedIn: true, access: fingerprint(s.accessToken), refresh: fingerprint(s.refreshToken), accessTokenExpiresAt: s.accessTokenExpiresAt }
    : { signedIn: false };
}

async function perform(h: TestHooks, step: Step): Promise<unknown> {
  const a = step.args;
  switch (step.op) {
    case 'secretStore': {
      const startedAt = Date.now();
      await h.secrets.store(str(a.key), str(a.value));
      return { startedAt, storedAt: Date.now() };
    }
    case 'secretWatch':
      return watchSecret(h, str(a.key), str(a.value), num(a.ms, 10_000));
    case 'secretGet':
      return { holds: (await h.secrets.get(str(a.key))) === str(a.value) };
    case 'signIn': {
      const done = vscode.commands.executeCommand(Commands.signIn);
      await answerInputs(h, [{ value: str(a.clientId) }, { value: str(a.clientSecret), password: true }, { value: str(a.jwt), password: true }]);
      await done;
      return describeSession(h);
    }
    case 'session':
      return describeSession(h);
    case 'waitSession': {
      const t0 = Date.now();
      const seen = await waitFor('a session', () => h.service.session(), num(a.ms, 10_000)).then(
        () => true,
        () => false,
      );
      return { ...(await describeSession(h)), seen, afterMs: Date.now() - t0 };
    }
    case 'call': {
      const t0 = Date.now();
      try {
        const account = (await h.service.api.get('/restapi/v1.0/account/~')) as { id?: unknown };
        return { ok: true, ms: Date.now() - t0, accountId: account.id, session: await describeSession(h) };
      } catch (e) {
        return { ok: false, ms: Date.now() - t0, error: e instanceof Error ? e.message : String(e), session: await describeSession(h) };
      }
    }
    default:
      throw new Error(`unknown step ${step.op}`);
  }
}

export async function run(): Promise<void> {
  if (!control) throw new Error('RC_MW_CONTROL is not set: this module runs only under test/multiwindow/sharedSession.mjs');
  const h = await hooks();
  await post('/hello', { role, pid: process.pid, session: await describeSession(h) });
  // Steps run side by side (a watch runs while a store happens); each answers when it is done.
  for (;;) {
    const step = await next();
    if (!step) continue;
    if (step.op === 'exit') return;
    void perform(h, step).then(
      (value) => post('/result', { role, id: step.id, ok: true, value }),
      (e: unknown) => post('/result', { role, id: step.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  }
}
