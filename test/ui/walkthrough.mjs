// UI step for test/ui/run.mjs: the getting-started walkthrough in the real workbench, as a newcomer meets it.
/* global document */
//   - signed out, with the walkthrough's progress reset and the window reloaded (VS Code completes a step once per
//     window session), "RingCentral: Get Started" opens it: title and six steps, "Sign in" not done;
//   - the "Sign in" step's own button signs in (the credentials are stored from step 2) and VS Code ticks the step;
//   - the last step's button, "Generate PowerShell Script…", asks what to fetch and opens the script in a
//     PowerShell editor; that step is ticked too.
// Screenshots: walkthrough.png (before sign-in), walkthrough-signed-in.png, powershell-script.png.

const EXTENSION = 'ringcentral-explorer.ringcentral-explorer';
const WALKTHROUGH = `${EXTENSION}#gettingStarted`;
const STEP_TITLES = ['Create an app in the Developer Console', 'Create a JWT credential', 'Sign in', 'See your numbers', 'Export to CSV', 'Generate a PowerShell script'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function walkthroughStep({ page, shot, check, runCommand, noErrorToasts, log, q, pane }) {
  const badge = (step) => page.locator(`[data-done-step-id="${WALKTHROUGH}#${step}"]`).first();
  const done = async (step) => (await badge(step).getAttribute('aria-checked')) === 'true';
  const stepRow = (title) => page.locator('.getting-started-step', { has: page.locator('.step-title', { hasText: title }) }).first();

  const expand = async (title) => {
    const header = pane(title).locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  };

  // 1. signed out, progress reset, a fresh window session (the exports of earlier steps are unsaved: leave them)
  await runCommand('RingCentral: Sign Out');
  await expand('Account');
  await pane('Account').locator('.welcome-view-content .monaco-button', { hasText: 'Sign In' }).waitFor();
  await runCommand('Developer: Reset Welcome Page Walkthrough Progress');
  const leave = (dialog) => void dialog.accept().catch(() => {});
  page.on('dialog', leave);
  await page.reload();
  page.off('dialog', leave);
  await page.locator(q.activity).waitFor({ timeout: 90_000 });
  if (!(await pane('Account').isVisible())) await page.locator(q.activity).click();
  await expand('Account');
  const welcome = pane('Account').locator('.welcome-view-content');
  await welcome.locator('.monaco-button', { hasText: 'Sign In' }).waitFor();
  const link = welcome.locator('a', { hasText: 'getting-started walkthrough' });
  check((await link.count()) === 1, 'the signed-out welcome view links to the walkthrough');

  // 2. the welcome view's link opens it
  await link.click();
  const container = page.locator('.gettingStartedContainer');
  await container.locator('h2, .category-title', { hasText: 'Get Started with RingCentral Explorer' }).first().waitFor({ timeout: 30_000 });
  for (const title of STEP_TITLES) await stepRow(title).waitFor();
  await badge('signIn').waitFor();
  check(!(await done('signIn')), '"Sign in" is not done while signed out');
  check(!(await done('powershell')), '"Generate a PowerShell script" is not done yet');
  // The step's picture shows beside the steps only when the editor is wide: hide the side bar meanwhile.
  await runCommand('View: Toggle Primary Side Bar Visibility');
  await page.locator(q.sidebar).waitFor({ state: 'hidden' });
  await stepRow('Create an app in the Developer Console').click();
  await page.locator('.getting-started-media').first().waitFor();
  await sleep(1000); // the step's SVG renders in a webview
  await shot('walkthrough.png');

  // 3. "Sign in" and its button; VS Code ticks the step when ringcentral.signedIn turns true
  await stepRow('Sign in').click();
  const signInButton = page.locator('.getting-started-step.expanded .monaco-button', { hasText: 'Sign In' }).first();
  await signInButton.waitFor();
  await signInButton.click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-checked') === 'true', `[data-done-step-id="${WALKTHROUGH}#signIn"]`, { timeout: 30_000 });
  log('walkthrough: "Sign in" ticked after signing in from its button');
  await noErrorToasts('after signing in from the walkthrough');
  await shot('walkthrough-signed-in.png');

  // 4. the last step's button generates a script
  await runCommand('View: Toggle Primary Side Bar Visibility');
  await page.locator(q.sidebar).waitFor();
  await stepRow('Generate a PowerShell script').click();
  const generate = page.locator('.getting-started-step.expanded .monaco-button', { hasText: 'Generate PowerShell Script' }).first();
  await generate.waitFor();
  await generate.click();
  await page.locator(q.quickTitle, { hasText: 'RingCentral: Generate PowerShell Script' }).waitFor();
  for (const label of ['Account', 'Phone numbers', 'Users', 'Users with their numbers', 'Other GET path']) {
    await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
  }
  await page.locator(q.quickBox).fill('Users with their numbers');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Users with their numbers' }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: /ringcentral-users-with-numbers(-\d+)?\.ps1/ }).waitFor();
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
  await lines.filter({ hasText: '#Requires -Version 5.1' }).waitFor();
  await lines.filter({ hasText: 'Every RingCentral user with their direct phone numbers' }).waitFor();
  await page.locator('#status\\.editor\\.mode', { hasText: 'PowerShell' }).waitFor();
  await noErrorToasts('after generating the script');
  await shot('powershell-script.png');
  // back on the walkthrough, its last step is ticked
  await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-checked') === 'true', `[data-done-step-id="${WALKTHROUGH}#powershell"]`, { timeout: 15_000 });
  check(await done('signIn'), '"Sign in" stays done');
}
