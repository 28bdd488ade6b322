#!/usr/bin/env node
// Issue 7, point 10: Sign In goes to the server the user's own settings name, in remote windows.
//
// The VS Code server build (code-server) is a remote window. With `ringcentral.server` in the User settings only
// (nothing in the Machine settings, as a new user has it), each of several fresh windows signs in as a person would:
// the RingCentral icon as soon as it shows, the welcome view's Sign In, the client ID, secret and JWT typed into the
// real quick input. Every second window first picks another color theme, which writes the User settings: while the
// server setting had scope "machine", VS Code 1.139 re-read the User settings at that write with the extension's
// scopes known and dropped the machine-scoped value (a remote window ignores those from User settings), so Sign In
// went to https://platform.ringcentral.com with the secret and the JWT. Which of the two it used in an untouched
// window depended on whether the workbench's first idle moment came before the extension's configuration was
// registered. Each window passes when the emulator received its token request, the extension's log names the
// emulator and never the default server, and no error notification shows.
//
// Standalone (starts the emulator, installs the extension, starts and stops code-server; ~2 min):
//   npm run build && npx tsc -p . && node test/multiwindow/signInServer.mjs
// From scripts/test-integration.sh with RUN set (a dir of its own). Env: RC_MW_WINDOWS (default 4),
// RC_UI_INSTALL (vsix|copy, see install-ext.sh), RC_KEEP_RUN=1, RC_MW_HEADED=1.
// Ends with `N passed, N failed` (one check per window); exit 0 only if all passed.
/* global document */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { Checklist, dropRunDir, findFiles, freePort, launchBrowser, logger, onExit, readText, require, requireBuilt, rig, ROOT, runDir, sleep } from './rig.mjs';

const log = logger('sign-in server');
const WINDOWS = Number(process.env.RC_MW_WINDOWS || 4);
const DEFAULT_SERVER = 'https://platform.ringcentral.com';
const windowName = (i) => `window ${i}${i % 2 === 0 ? ' (theme picked first)' : ''} signs in to the configured server`;
const checks = new Checklist(Array.from({ length: WINDOWS }, (_, k) => windowName(k + 1)));
const run = runDir('rcmw1.');
const PORT = String(await freePort());
let emu;
let browser;
let serverStarted = false;

const finish = onExit(async () => {
  await browser?.close().catch(() => {});
  if (serverStarted) rig('stop.sh', { RUN: run.dir, PORT });
  await emu?.close().catch(() => {});
  dropRunDir(run, checks, log);
}, checks);

const q = {
  activity: '.part.activitybar a.action-label[aria-label="RingCentral"]',
  quickInput: '.quick-input-widget',
  quickTitle: '.quick-input-widget .quick-input-title',
  quickBox: '.quick-input-widget .quick-input-box input',
  errorToast: '.notifications-toasts .notification-list-item:has(.codicon-error) .notification-list-item-message',
};

/** Runs a command from the palette, as a person does. */
async function palette(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator(q.quickBox);
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  // the row with exactly this label ("Browse Color Themes in Marketplace" matches the words too)
  await page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) })
    .first()
    .click();
}

/** Picks another color theme: the workbench writes workbench.colorTheme into the User settings. */
async function pickTheme(page, settingsFile) {
  await palette(page, 'Preferences: Color Theme');
  const input = page.locator(q.quickBox);
  await input.waitFor({ state: 'visible' });
  await input.fill('Light Modern');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Light Modern' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(q.quickInput).waitFor({ state: 'hidden' });
  const until = Date.now() + 15_000;
  while (!readText(settingsFile).includes('"workbench.colorTheme"')) {
    if (Date.now() > until) throw new Error('the theme pick did not reach the User settings file');
    await sleep(100);
  }
}

/** Answers the sign-in steps by what each asks for (placeholder and prompt), typing like a person. */
async function answerSignIn(page, answers) {
  for (let step = 1; step <= 6; step++) {
    const title = page.locator(q.quickTitle, { hasText: 'Sign In' });
    const shown = await title.waitFor({ timeout: 30_000 }).then(() => true, () => false);
    if (!shown) {
      if (step > 1) return;
      throw new Error('the sign-in input did not show');
    }
    const input = page.locator(q.quickBox);
    await input.waitFor({ state: 'visible' });
    const before = (await title.textContent()) ?? '';
    const hint = `${(await input.getAttribute('placeholder')) ?? ''} ${(await page.locator('.quick-input-widget .quick-input-message').first().textContent({ timeout: 2000 }).catch(() => '')) ?? ''}`;
    const key = /JWT/i.test(hint) ? 'jwt' : /secret/i.test(hint) ? 'clientSecret' : /client id/i.test(hint) ? 'clientId' : undefined;
    if (!key) throw new Error(`sign-in step asks for something this test does not know: "${hint.trim()}"`);
    await input.focus();
    await page.keyboard.type(answers[key]);
    await page.keyboard.press('Enter');
    // the next step has another title (step counter) or the input closes
    await page.waitForFunction(
      ([sel, prev]) => {
        const el = document.querySelector(sel);
        return !el || el.offsetParent === null || (el.textContent ?? '') !== prev;
      },
      [q.quickTitle, before],
      { timeout: 15_000 },
    );
    if (!(await page.locator(q.quickInput).isVisible())) return;
  }
}

function tokenRequests() {
  return emu.requestsTo('/restapi/oauth/token', 'POST');
}

async function oneWindow(i) {
  const pickThemeFirst = i % 2 === 0;
  const name = windowName(i);
  const logsBefore = new Set(findFiles(join(run.dir, 'user-data/logs'), 'RingCentral.log'));
  const tokensBefore = tokenRequests().length;
  // A fresh browser profile: nothing in its SecretStorage, so Sign In asks for everything, as for a new user.
  browser = await launchBrowser(join(run.dir, `chrome-${i}`));
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(60_000);
  const t0 = Date.now();
  try {
    await page.goto(`http://127.0.0.1:${PORT}/?folder=${encodeURIComponent(join(run.dir, 'workspace'))}`);
    const activity = page.locator(q.activity);
    await activity.waitFor({ timeout: 120_000 });
    if (pickThemeFirst) await pickTheme(page, join(run.dir, 'user-data/User/settings.json'));
    await activity.click();
    await page.locator('.part.sidebar .welcome-view-content .monaco-button', { hasText: 'Sign In' }).first().click();
    const clickedAt = Date.now() - t0;
    await answerSignIn(page, { clientId: emu.app.clientId, clientSecret: emu.app.clientSecret, jwt: emu.jwt });
    const until = Date.now() + 30_000;
    let token;
    while (!token && Date.now() < until) {
      token = tokenRequests().slice(tokensBefore).find((r) => r.grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer');
      if (!token) await sleep(100);
    }
    await sleep(1500); // an error notification or a log line after the answer
    const errors = (await page.locator(q.errorToast).allInnerTexts()).map((s) => s.trim());
    const newLogs = findFiles(join(run.dir, 'user-data/logs'), 'RingCentral.log').filter((f) => !logsBefore.has(f));
    const text = newLogs.map(readText).join('\n');
    const used = [...text.matchAll(/Using RingCentral server (\S+)/g)].map((m) => m[1]);
    log(`window ${i}: Sign In clicked ${(clickedAt / 1000).toFixed(1)}s after opening; servers in its log: ${used.join(', ') || '(none)'}; token request at the emulator: ${token ? token.status : 'none'}`);
    const why = [];
    if (!token) why.push('the emulator received no JWT token request');
    if (token && token.status !== 200) why.push(`the emulator answered the token request with ${token.status}`);
    if (used.includes(DEFAULT_SERVER) || text.includes('platform.ringcentral.com')) why.push(`the extension used ${DEFAULT_SERVER}`);
    if (!used.includes(emu.url)) why.push(`its log never says "Using RingCentral server ${emu.url}"`);
    if (errors.length) why.push(`error notification: ${errors.join(' | ')}`);
    checks.check(name, why.length === 0, why.join('; '), `Sign In ${(clickedAt / 1000).toFixed(1)}s after the window opened`);
    if (why.length) await page.screenshot({ path: join(run.dir, `window-${i}-failure.png`) }).catch(() => {});
  } catch (e) {
    checks.fail(name, e instanceof Error ? e.message.split('\n')[0] : String(e));
    await page.screenshot({ path: join(run.dir, `window-${i}-failure.png`) }).catch(() => {});
  } finally {
    await browser.close().catch(() => {});
    browser = undefined;
  }
}

try {
  requireBuilt(['dist/extension.js', 'out/test/emulator/server.js']);
  log(`RUN=${run.dir} PORT=${PORT}, ${WINDOWS} windows`);
  if (run.own && process.env.RC_UI_SKIP_SETUP !== '1') rig('setup.sh', {});
  const { startEmulator } = require(join(ROOT, 'out/test/emulator/server.js'));
  // Fresh windows sign in within a minute: the Auth group's 5 a minute would turn the 6th into a 429, and this test
  // is about where the request goes, not about rate limits.
  emu = await startEmulator({ phoneNumbers: 40, limits: { Auth: { limit: 100, windowMs: 60_000, penaltyMs: 60_000 } } });
  log(`emulator on ${emu.url}`);
  if (!existsSync(join(run.dir, 'extensions'))) rig('install-ext.sh', { RUN: run.dir, PORT });
  // User settings only, and no Machine settings at all: what a new user has.
  const settings = JSON.stringify({ 'ringcentral.server': emu.url, 'ringcentral.authFlow': 'jwt' });
  serverStarted = true;
  rig('start.sh', { RUN: run.dir, PORT, USER_SETTINGS: settings });
  for (let i = 1; i <= WINDOWS; i++) await oneWindow(i);
  await finish(0);
} catch (e) {
  await finish(1, `could not run: ${e instanceof Error ? e.stack : String(e)}`);
}
