// UI step of issue 8, called from test/ui/run.mjs after its own steps: the Users view as a person sees it in the
// workbench (groups and counts, a user's extension, numbers and email on one line), Reveal Number from a user
// into Phone Numbers, the "Users with Numbers as CSV" export, and the Users request in Copy Request. Saves
// media/screenshots/users.png and media/screenshots/export-users-csv.png.
/* global document */

/**
 * @param {object} ui what run.mjs drives the workbench with: page, emu, pane, rows, row, description, shot,
 *   check, runCommand, noErrorToasts, log, q
 */
export async function usersViewStep(ui) {
  const { page, emu, pane, rows, row, description, shot, check, runCommand, noErrorToasts, log, q } = ui;
  const extensions = emu.data.extensions;
  const numbersOf = (id) => emu.data.phoneNumbers.filter((n) => n.extension?.id === id);
  const title = `Users (${extensions.length.toLocaleString('en-US')})`;
  await page.waitForFunction(
    ([sel, want]) => [...document.querySelectorAll(sel)].some((h) => (h.textContent ?? '').includes(want)),
    [`${q.sidebar} .pane-header`, title],
    { timeout: 30_000 },
  );

  // Fold Account and Phone Numbers, so that the Users view has the side bar to itself.
  for (const name of ['Account', 'Phone Numbers']) {
    const header = pane(name).locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }
  const usersHeader = pane('Users').locator('.pane-header');
  if ((await usersHeader.getAttribute('aria-expanded')) !== 'true') await usersHeader.click();
  const messages = (await pane('Users').locator('.message:visible').allInnerTexts()).map((m) => m.trim()).filter(Boolean);
  check(messages.length === 0, `no message over the Users tree, got: ${messages.join(' | ')}`);

  // Groups by type, with counts that add up: every group collapsed (the view's Collapse All), then Users opened.
  await usersHeader.hover();
  await usersHeader.locator('.action-label[aria-label^="Collapse All"]').click();
  const expected = {};
  for (const e of extensions) expected[e.type] = (expected[e.type] ?? 0) + 1;
  await page.waitForFunction(
    ([sel, n]) => document.querySelectorAll(sel).length >= n,
    [`${q.sidebar} .pane .monaco-list-row[aria-level="1"]`, Object.keys(expected).length],
  );
  const groups = {};
  for (const r of await rows('Users').all()) {
    if ((await r.getAttribute('aria-level')) !== '1') continue;
    groups[((await r.locator('.label-name').textContent()) ?? '').trim()] = Number((await description(r)).replace(/,/g, ''));
  }
  log('users groups:', JSON.stringify(groups));
  check(groups.Users === expected.User, `Users group has ${expected.User}, got ${groups.Users}`);
  check(groups['Call Queues'] === expected.Department, `Call Queues group has ${expected.Department}, got ${groups['Call Queues']}`);
  const sum = Object.values(groups).reduce((a, b) => a + b, 0);
  check(sum === extensions.length, `group counts add up to ${extensions.length}, got ${sum}`);

  await row('Users', 'Users').locator('.monaco-tl-twistie').click();
  // A user with several numbers: extension, primary number and email on its row.
  const user = extensions.find((e) => e.type === 'User' && e.status === 'Enabled' && numbersOf(e.id).length >= 2 && /^[A-Za-z ]+$/.test(e.name));
  check(user, 'a user with several numbers');
  const direct = numbersOf(user.id).filter((n) => n.usageType === 'DirectNumber');
  const primary = direct.find((n) => n.primary) ?? direct[0];
  const userRow = row('Users', user.name);
  await userRow.waitFor();
  const desc = await description(userRow);
  check(desc.includes(`ext. ${user.extensionNumber}`) && desc.includes(primary.phoneNumber) && desc.includes(user.contact.email), `the row shows extension, number and email, got "${desc}"`);
  await noErrorToasts('in the Users view');
  await page.locator('.part.editor').click({ position: { x: 300, y: 100 } });
  await shot('users.png');

  // Reveal Number (the row's inline action): a quick pick of the user's numbers, then the number selected in Phone Numbers.
  await userRow.hover();
  await userRow.locator('.action-label[aria-label="Reveal Number"]').click();
  await page.locator(q.quickTitle, { hasText: `Reveal Number of ${user.name}` }).waitFor();
  const first = numbersOf(user.id)[0].phoneNumber;
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: first }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator(q.quickInput).waitFor({ state: 'hidden' });
  await pane('Phone Numbers').locator('.monaco-list-row.selected', { hasText: first }).waitFor({ timeout: 15_000 });
  log(`revealed ${first} of ${user.name} in Phone Numbers`);

  // The export a directory-sync script reads.
  await runCommand('RingCentral: Export Users with Numbers as CSV');
  await page.locator('.tabs-container .tab.active', { hasText: /users-with-numbers(-\d+)?\.csv/ }).waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').filter({ hasText: 'Id,Name,Email,ExtensionNumber,Type,Status,Department,DirectNumbers,OtherNumbers' }).waitFor();
  await page.locator('#status\\.editor\\.mode', { hasText: 'CSV' }).waitFor();
  await noErrorToasts('after the Users with Numbers export');
  await shot('export-users-csv.png');

  // Copy Request offers the Users request.
  await runCommandOpen(page, q, 'RingCentral: Copy Request as PowerShell');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Users (every extension)' }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator(q.quickInput).waitFor({ state: 'hidden' });
}

/** Runs a palette command that opens a quick pick of its own (run.mjs's runCommand waits for the palette to close). */
async function runCommandOpen(page, q, title) {
  await page.keyboard.press('F1');
  const input = page.locator(q.quickBox);
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(q.quickTitle, { hasText: title }).waitFor();
}
