#!/usr/bin/env node
// UI test: drives the real VS Code workbench (the VS Code server build from code-server) in headless Chromium
// like a person would: activity bar, welcome button, the sign-in input boxes, the tree views, a tooltip, the
// command palette, editors and the status bar. It saves the README's screenshots in media/screenshots/.
//
// Standalone (starts everything itself, cleans up afterwards; ~1 min once the rig is installed):
//   npx tsc -p . && npm run build && node test/ui/run.mjs
// From scripts/test-integration.sh (step 5), which installs the extension into $RUN and starts a code-server:
//   node test/ui/run.mjs <baseUrl> <workspaceFolder>     with env RUN, PORT (RC_UI_BASE_URL, RC_UI_WORKSPACE)
//
// What it does, in both cases:
//   - starts the RingCentral platform emulator (out/test/emulator/server.js) in this process with 2,500 numbers
//     (three pages of 1,000) on a free loopback port;
//   - installs the extension into $RUN/extensions unless it is there already (scripts/vscode-server/install-ext.sh);
//   - (re)starts code-server on $PORT with ringcentral.server pointing at the emulator, in the User settings where
//     a user has it (scope "application": read from there in remote windows such as code-server; a Machine
//     settings file would hide issue 7, point 10, and start.sh refuses one). A server already running for $RUN (the one the integration
//     script started) is stopped first, since code-server ignores edits to settings files made while it runs.
//     The new server's process group id goes to $RUN/code-server.pid as always, so the caller's
//     scripts/vscode-server/stop.sh still stops it; this script stops it too when it ends;
//   - steps 1-6 below, one check each; the last line is `N passed, N failed`; exit status 0 only if all passed.
//     A failed step saves <step>-failure.png in $RUN and the remaining steps count as failed.
//
// Env: RUN (state dir; default: a fresh mktemp dir, removed afterwards unless RC_KEEP_RUN=1 or a step failed),
//      PORT (default: from <baseUrl>, else a free one), RC_UI_SHOTS (screenshot dir, default media/screenshots),
//      RC_UI_NUMBERS (phone numbers in the emulator, default 2500), RC_UI_HEADED=1 (show the browser),
//      RC_UI_SKIP_SETUP=1 (standalone: do not run scripts/vscode-server/setup.sh).
/* global document */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { usersViewStep } from './usersView.mjs';
import { walkthroughStep } from './walkthrough.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const t0 = Date.now();
const log = (...a) => console.log(`[ui ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------- the rig
const ownRun = !process.env.RUN;
const RUN = process.env.RUN ? resolve(process.env.RUN) : mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'rcui.'));
const baseArg = process.argv[2] || process.env.RC_UI_BASE_URL;
const PORT = process.env.PORT || (baseArg ? new URL(baseArg).port : String(await freePort()));
const BASE = baseArg || `http://127.0.0.1:${PORT}`;
const FOLDER = process.argv[3] || process.env.RC_UI_WORKSPACE || join(RUN, 'workspace');
const SHOTS = resolve(ROOT, process.env.RC_UI_SHOTS || 'media/screenshots');
const NUMBERS = Number(process.env.RC_UI_NUMBERS || 2500);
const SIDEBAR_WIDTH = 560; // of 1400: number, extension, label and status fit on one line
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const EXT_ID = `${PKG.publisher}.${PKG.name}`;
if (new URL(BASE).port !== PORT) throw new Error(`baseUrl ${BASE} and PORT ${PORT} disagree`);

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Runs one of scripts/vscode-server/*.sh with RUN and PORT; throws when it fails. */
function rig(script, extraEnv = {}) {
  const r = spawnSync('bash', [join(ROOT, 'scripts/vscode-server', script)], {
    cwd: ROOT,
    env: { ...process.env, RUN, PORT, ...extraEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`scripts/vscode-server/${script} failed (exit ${r.status ?? r.signal})`);
}

for (const f of ['dist/extension.js', 'out/test/emulator/server.js']) {
  if (!existsSync(join(ROOT, f))) {
    console.error(`${f} is missing: run  npx tsc -p . && npm run build  first`);
    console.log('0 passed, 8 failed');
    process.exit(1);
  }
}

const userSettingsFile = join(RUN, 'user-data/User/settings.json');
/** User settings: the ones the caller gave the server (if any), with ours for tidy screenshots on top. */
function userSettings() {
  let base = {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'window.commandCenter': false,
    'window.restoreWindows': 'none',
    'files.hotExit': 'off',
    'git.enabled': false,
  };
  if (existsSync(userSettingsFile)) {
    try {
      base = { ...base, ...JSON.parse(readFileSync(userSettingsFile, 'utf8')) };
    } catch {
      /* JSON with comments: keep our defaults */
    }
  }
  return {
    ...base,
    // VS Code 1.139 rewrites older spellings at startup ("Saving 'settings.json'" in the status bar of a screenshot)
    'extensions.autoUpdate': 'off',
    // what a newcomer on desktop VS Code sees: the default dark theme, no "code-server" in the title
    'workbench.colorTheme': 'Dark Modern',
    'window.title': '${dirty}${activeEditorShort}${separator}${rootName}',
    'editor.minimap.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.editor.empty.hint': 'hidden',
    'workbench.hover.delay': 300,
  };
}

/** The extension's settings, for the User settings (scope "application": a user sets them there, in remote windows too). */
function extensionSettings(emulatorUrl) {
  return { 'ringcentral.server': emulatorUrl, 'ringcentral.authFlow': 'jwt' };
}

let emu;
let ctx;
let serverStarted = false;
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  await ctx?.close().catch(() => {});
  if (serverStarted) {
    try {
      rig('stop.sh');
    } catch (e) {
      console.error(String(e));
    }
  }
  await emu?.close().catch(() => {});
}
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    void cleanup().finally(() => process.exit(code));
  });
}

// ---------------------------------------------------------------------------------------------- the checks
const STEPS = [
  '1 welcome view with Sign In',
  '2 sign in through the input boxes',
  '3 account and phone numbers in the views',
  '4 phone number tooltip',
  '5 export as CSV and JSON',
  '6 status bar shows the user',
  '7 users view, reveal and the users-with-numbers export',
  '8 walkthrough: its Sign In completes the step, its last step generates a PowerShell script',
];
let passed = 0;
let failed = 0;
/** @type {import('playwright-core').Page} */
let page;

/** Waits until nothing on screen is fading or sliding (spinners and other endless animations aside). */
async function settled() {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  await sleep(150);
}

async function shot(name, { park = true } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, name);
  if (park) {
    await page.mouse.move(1399, 450); // park the pointer where it hides nothing (and hovers nothing)
    await sleep(400); // a sash or row lit by the pointer fades after a delay
  }
  // no transient "Saving 'settings.json'" or progress message in the status bar
  await page.locator('.part.statusbar .statusbar-item', { hasText: /Saving|Writing into file/ }).first().waitFor({ state: 'hidden', timeout: 10_000 });
  await settled();
  await page.screenshot({ path: file });
  log('screenshot', relative(ROOT, file));
}

async function runSteps(steps) {
  for (const [i, name] of STEPS.entries()) {
    if (failed > 0) {
      console.log(`  - ${name}: not run (an earlier step failed)`);
      failed++;
      continue;
    }
    const started = Date.now();
    try {
      await steps[i]();
      passed++;
      console.log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    } catch (e) {
      failed++;
      console.log(`  ✗ ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      console.error(e);
      const file = join(RUN, `step${i + 1}-failure.png`);
      await page?.screenshot({ path: file }).catch(() => {});
      const html = await page?.content().catch(() => '');
      if (html) writeFileSync(file.replace(/\.png$/, '.html'), html);
      console.error(`    failure screenshot: ${file}`);
      const toasts = await visibleToasts().catch(() => []);
      if (toasts.length) console.error(`    notifications on screen: ${toasts.join(' | ')}`);
    }
  }
}

function check(cond, message) {
  if (!cond) throw new Error(`check failed: ${message}`);
}

const q = {
  activity: '.part.activitybar a.action-label[aria-label="RingCentral"]',
  sidebar: '.part.sidebar',
  quickInput: '.quick-input-widget',
  quickTitle: '.quick-input-widget .quick-input-title',
  quickBox: '.quick-input-widget .quick-input-box input',
  toast: '.notifications-toasts .notification-list-item',
};
const pane = (title) => page.locator(`${q.sidebar} .pane`).filter({ has: page.locator('.pane-header', { hasText: title }) });
const rows = (title) => pane(title).locator('.monaco-list-row');
const row = (title, label) => rows(title).filter({ has: page.locator('.label-name', { hasText: label }) }).first();
const description = async (r) => ((await r.locator('.label-description').textContent()) ?? '').trim();

async function visibleToasts() {
  return (await page.locator(`${q.toast} .notification-list-item-message`).allInnerTexts()).map((s) => s.trim());
}

/** Any error notification on screen fails the step. */
async function noErrorToasts(where) {
  const errors = await page.locator(`${q.toast}:has(.codicon-error) .notification-list-item-message`).allInnerTexts();
  check(errors.length === 0, `no error notification ${where}; got: ${errors.join(' | ')}`);
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator(q.quickBox);
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  // the first (highlighted) row must be our command before Enter runs it
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(q.quickInput).waitFor({ state: 'hidden' });
}

/** Drags a sash from (x, y) by (dx, dy) in small moves, as a hand would. */
async function drag(x, y, dx, dy) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x + (dx * i) / 10, y + (dy * i) / 10);
  await page.mouse.up();
}

// ---------------------------------------------------------------------------------------------- main
let exitCode = 1;
try {
  mkdirSync(RUN, { recursive: true });
  log(`RUN=${RUN} PORT=${PORT}`);
  if (ownRun && process.env.RC_UI_SKIP_SETUP !== '1') rig('setup.sh');
  const installed = existsSync(join(RUN, 'extensions')) && readdirSync(join(RUN, 'extensions')).some((d) => d.toLowerCase().startsWith(`${EXT_ID}-`));
  if (!installed) rig('install-ext.sh');

  const { startEmulator } = require(join(ROOT, 'out/test/emulator/server.js'));
  emu = await startEmulator({ phoneNumbers: NUMBERS, extensions: Math.round(NUMBERS / 6) });
  log(`emulator on ${emu.url} with ${emu.data.phoneNumbers.length} numbers`);

  if (existsSync(join(RUN, 'code-server.pid'))) {
    log('stopping the code-server started for this RUN, to restart it with settings pointing at the emulator');
    rig('stop.sh');
  }
  const settingsFile = join(RUN, 'ui-settings.json');
  writeFileSync(settingsFile, `${JSON.stringify({ ...userSettings(), ...extensionSettings(emu.url) }, null, 2)}\n`);
  // workbench.welcomePage.walkthroughs.openOnInstall has scope "machine": a remote window (code-server) reads it only
  // from the Machine settings. Off there too, so no walkthrough opens by itself (step 8 opens it on purpose).
  mkdirSync(join(RUN, 'user-data/Machine'), { recursive: true });
  writeFileSync(join(RUN, 'user-data/Machine/settings.json'), `${JSON.stringify({ 'workbench.welcomePage.walkthroughs.openOnInstall': false }, null, 2)}\n`);
  serverStarted = true;
  rig('start.sh', { SETTINGS_JSON: settingsFile });

  const chromeHome = join(RUN, 'chrome');
  mkdirSync(chromeHome, { recursive: true });
  ctx = await chromium.launchPersistentContext(join(chromeHome, 'profile'), {
    executablePath: '/usr/bin/chromium',
    env: { ...process.env, XDG_CONFIG_HOME: join(chromeHome, 'xdg-config'), XDG_CACHE_HOME: join(chromeHome, 'xdg-cache') },
    headless: process.env.RC_UI_HEADED !== '1',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.setDefaultTimeout(30_000);

  const me = emu.data.me;
  const account = emu.data.account;

  await runSteps([
    // 1. ---------------------------------------------------------------- welcome
    async () => {
      await page.goto(`${BASE}/?folder=${encodeURIComponent(FOLDER)}`);
      const activity = page.locator(q.activity);
      await activity.waitFor({ timeout: 90_000 });
      await activity.click();
      const welcome = pane('Account').locator('.welcome-view-content');
      await welcome.waitFor();
      const text = await welcome.innerText();
      check(text.includes('Sign in to RingCentral to see your account and phone numbers.'), `welcome text, got: ${text}`);
      check(/Sign-in method: JWT credential/.test(text), `sign-in method line, got: ${text}`);
      await welcome.locator('.monaco-button', { hasText: 'Sign In' }).waitFor();
      // a sidebar wide enough for number, extension, label and status on one line
      const box = await page.locator(q.sidebar).boundingBox();
      check(box, 'side bar on screen');
      await drag(box.x + box.width + 1, box.y + box.height / 2, SIDEBAR_WIDTH - box.width, 0);
      const wide = await page.locator(q.sidebar).boundingBox();
      log(`side bar ${Math.round(box.width)}px -> ${Math.round(wide.width)}px wide`);
      await shot('welcome.png');
    },
    // 2. ---------------------------------------------------------------- sign in
    async () => {
      await pane('Account').locator('.welcome-view-content .monaco-button', { hasText: 'Sign In' }).click();
      const answers = [
        { value: emu.app.clientId, password: false, placeholder: 'Client ID', prompt: 'Client ID of your RingCentral app' },
        { value: emu.app.clientSecret, password: true, placeholder: 'Client Secret', prompt: 'Client secret of the app' },
        { value: emu.jwt, password: true, placeholder: 'eyJ…', prompt: 'JWT credential' },
      ];
      for (const [i, a] of answers.entries()) {
        const title = `RingCentral: Sign In (${i + 1}/${answers.length})`;
        await page.locator(q.quickTitle, { hasText: title }).waitFor();
        const input = page.locator(q.quickBox);
        await input.waitFor({ state: 'visible' });
        check((await input.getAttribute('type')) === (a.password ? 'password' : 'text'), `step ${i + 1} input type ${a.password ? 'password' : 'text'}`);
        check((await input.getAttribute('placeholder')) === a.placeholder, `step ${i + 1} placeholder ${a.placeholder}, got ${await input.getAttribute('placeholder')}`);
        await page.locator('.quick-input-widget .quick-input-message', { hasText: a.prompt }).waitFor();
        await input.focus();
        await page.keyboard.type(a.value);
        check((await input.inputValue()) === a.value, `step ${i + 1} typed value`);
        await page.keyboard.press('Enter');
        if (i + 1 < answers.length) await page.locator(q.quickTitle, { hasText: `(${i + 2}/${answers.length})` }).waitFor();
      }
      await page.locator(q.quickInput).waitFor({ state: 'hidden' });
    },
    // 3. ---------------------------------------------------------------- views after sign-in
    async () => {
      const id = row('Account', 'Account ID');
      await id.waitFor({ timeout: 30_000 });
      check((await description(id)) === String(account.id), `Account ID row shows ${account.id}, got ${await description(id)}`);
      check((await description(row('Account', 'Main number'))) === String(account.mainNumber), 'Main number row shows the main number');
      const user = await description(row('Account', 'Signed in as'));
      check(user.includes(String(me.name)) && user.includes(`ext. ${me.extensionNumber}`), `Signed in as row shows ${me.name} (ext. ${me.extensionNumber}), got ${user}`);
      for (const label of ['Company', 'Status', 'Service plan', 'Time zone', 'Session ends']) await row('Account', label).waitFor();

      const total = emu.data.phoneNumbers.length;
      const title = `Phone Numbers (${total.toLocaleString('en-US')})`;
      const header = pane('Phone Numbers').locator('.pane-header');
      await page
        .waitForFunction(
          ([sel, want]) => [...document.querySelectorAll(sel)].some((h) => (h.textContent ?? '').includes(want)),
          [`${q.sidebar} .pane-header`, title],
          { timeout: 30_000 },
        )
        .catch(async () => {
          const now = (await header.locator('.title').textContent().catch(() => ''))?.trim();
          throw new Error(`the Phone Numbers view title did not become "${title}" within 30 s; it is "${now}"`);
        });
      log('phone numbers header:', (await header.locator('.title').textContent())?.trim(), '| aria-label:', await header.getAttribute('aria-label'));
      // The title shows the total from the first page on; the load is over when "Loading page N of 3…" is gone.
      const visibleMessages = async () => (await pane('Phone Numbers').locator('.message:visible').allInnerTexts()).map((m) => m.trim()).filter(Boolean);
      for (let waited = 0; waited < 30_000 && (await visibleMessages()).some((m) => /^Loading/.test(m)); waited += 250) await page.waitForTimeout(250);
      const messages = await visibleMessages();
      check(messages.length === 0, `no message over the Phone Numbers tree, got: ${messages.join(' | ')}`);
      const pages = emu.requestsTo('/restapi/v1.0/account/~/phone-number', 'GET').length;
      check(pages === Math.ceil(total / 1000), `${Math.ceil(total / 1000)} pages of phone numbers fetched, got ${pages}`);

      // loading is over when the status bar stops spinning and the views' progress bars are gone
      await page.locator('.part.statusbar .statusbar-item', { hasText: String(me.name) }).filter({ hasNot: page.locator('.codicon-sync') }).waitFor();
      await page.locator(`${q.sidebar} .monaco-progress-container.active`).first().waitFor({ state: 'hidden' });

      // fold the Users view (step 7 opens it) so that Phone Numbers has the room for every group
      const usersHeader = pane('Users').locator('.pane-header');
      if ((await usersHeader.getAttribute('aria-expanded')) === 'true') await usersHeader.click();
      // collapse every group (the view's Collapse All button), check the groups add up, then open two
      await header.hover();
      await header.locator('.action-label[aria-label^="Collapse All"]').click();
      const groupCounts = {};
      const expected = {};
      for (const n of emu.data.phoneNumbers) expected[n.usageType] = (expected[n.usageType] ?? 0) + 1;
      await page.waitForFunction(
        ([sel, n]) => document.querySelectorAll(sel).length >= n,
        [`${q.sidebar} .pane .monaco-list-row[aria-level="1"]`, Object.keys(expected).length],
      );
      for (const r of await rows('Phone Numbers').all()) {
        groupCounts[((await r.locator('.label-name').textContent()) ?? '').trim()] = Number((await description(r)).replace(/,/g, ''));
      }
      log('groups:', JSON.stringify(groupCounts));
      // "Unassigned Numbers" repeats the numbers without extension, by usage type; the usage-type groups hold them all.
      const unassigned = emu.data.phoneNumbers.filter((n) => n.extension === undefined).length;
      check(groupCounts['Unassigned Numbers'] === unassigned, `Unassigned Numbers has ${unassigned}, got ${groupCounts['Unassigned Numbers']}`);
      delete groupCounts['Unassigned Numbers'];
      const sum = Object.values(groupCounts).reduce((a, b) => a + b, 0);
      check(sum === total, `group counts add up to ${total}, got ${sum}`);
      check(Object.keys(groupCounts).length === Object.keys(expected).length, `${Object.keys(expected).length} usage-type groups`);
      const keys = Object.keys(groupCounts);
      check(keys[0] === 'Main Company Number' && groupCounts['Direct Number'] === expected.DirectNumber, `Main Company Number first and Direct Number with ${expected.DirectNumber}`);

      for (const g of ['Main Company Number', 'Direct Number']) await row('Phone Numbers', g).locator('.monaco-tl-twistie').click();
      const firstDirect = emu.data.phoneNumbers.find((n) => n.usageType === 'DirectNumber');
      const numberRow = row('Phone Numbers', firstDirect.phoneNumber);
      await numberRow.waitFor();
      const desc = await description(numberRow);
      check(desc.includes(firstDirect.status ?? 'Normal'), `number row shows extension, label and status, got "${desc}"`);

      // give the Account pane just the room its rows need, the rest to the numbers
      const accountRows = await rows('Account').count();
      const accountBody = await pane('Account').locator('.pane-body').boundingBox();
      const want = accountRows * 22 + 8;
      if (accountBody && accountBody.height > want + 10) {
        const phoneHeader = await header.boundingBox();
        await drag(phoneHeader.x + phoneHeader.width / 2, phoneHeader.y - 1, 0, want - accountBody.height);
      }
      await noErrorToasts('after sign-in');
      await page.locator(q.toast).first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
      // click into the empty editor area, as one does: the group row keeps a quiet (unfocused) selection
      await page.locator('.part.editor').click({ position: { x: 300, y: 100 } });
      await shot('signed-in.png');
    },
    // 4. ---------------------------------------------------------------- tooltip
    async () => {
      const n = emu.data.phoneNumbers.find((x) => x.usageType === 'DirectNumber' && x.label);
      const r = row('Phone Numbers', n.phoneNumber);
      await r.waitFor();
      await r.locator('.label-name').hover();
      const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Field' }).first();
      await hover.waitFor({ timeout: 10_000 });
      const text = await hover.innerText();
      check(text.includes(n.phoneNumber) && text.includes('usageType') && text.includes('DirectNumber'), `tooltip lists the fields, got: ${text.slice(0, 300)}`);
      await shot('tooltip.png', { park: false });
      await page.keyboard.press('Escape');
      await page.mouse.move(1399, 450);
    },
    // 5. ---------------------------------------------------------------- exports
    async () => {
      await runCommand('RingCentral: Export Phone Numbers as CSV');
      await page.locator('.tabs-container .tab.active', { hasText: /phone-numbers(-\d+)?\.csv/ }).waitFor();
      const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
      await lines.filter({ hasText: 'id,phoneNumber,usageType' }).waitFor();
      await page.locator('#status\\.editor\\.mode', { hasText: 'CSV' }).waitFor();
      await noErrorToasts('after the CSV export');
      await shot('export-csv.png');

      await runCommand('RingCentral: Export Phone Numbers as JSON');
      await page.locator('.tabs-container .tab.active', { hasText: /phone-numbers(-\d+)?\.json/ }).waitFor();
      await page.locator('.tabs-container .tab').nth(1).waitFor();
      await page.locator('#status\\.editor\\.mode', { hasText: 'JSON' }).waitFor();
      const first = emu.data.phoneNumbers[0].phoneNumber;
      await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: `"phoneNumber": "${first}"` }).waitFor();
      await noErrorToasts('after the JSON export');
    },
    // 6. ---------------------------------------------------------------- status bar
    async () => {
      const item = page.locator('.part.statusbar .statusbar-item', { hasText: String(me.name) }).first();
      await item.waitFor();
      const text = (await item.innerText()).trim();
      log('status bar item:', text);
      check(text.includes(`${me.name} (${me.extensionNumber})`), `status bar shows "${me.name} (${me.extensionNumber})", got "${text}"`);
    },
    // 7. ---------------------------------------------------------------- users view (test/ui/usersView.mjs)
    () => usersViewStep({ page, emu, pane, rows, row, description, shot, check, runCommand, noErrorToasts, log, q }),
    // 8. ---------------------------------------------------------------- walkthrough (test/ui/walkthrough.mjs)
    () => walkthroughStep({ page, shot, check, runCommand, noErrorToasts, log, q, pane }),
  ]);
  exitCode = failed === 0 ? 0 : 1;
} catch (e) {
  console.error('UI test could not run:', e);
  if (page) await page.screenshot({ path: join(RUN, 'setup-failure.png') }).catch(() => {});
  failed = STEPS.length - passed;
}
await cleanup();
if (ownRun) {
  if (failed === 0 && process.env.RC_KEEP_RUN !== '1') rmSync(RUN, { recursive: true, force: true });
  else log(`run state kept in ${RUN}`);
}
log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
