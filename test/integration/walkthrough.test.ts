import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, ContextKeys, EXTENSION_ID, Views, Walkthrough } from '../../src/ui/ids';
import { OFFERED_KEY, offerWalkthroughOnce } from '../../src/ui/walkthrough';
import type { Emulator } from '../emulator/api';
import { freshEmulator, hooks, restoreSettings, signInWithJwt, waitFor } from './support';

interface Step {
  id: string;
  description: string;
  completionEvents?: string[];
}

/** The walkthrough as the running VS Code loaded it from the installed extension. */
function loadedWalkthrough(): { id: string; steps: Step[] } {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const all = (ext?.packageJSON as { contributes?: { walkthroughs?: { id: string; steps: Step[] }[] } } | undefined)?.contributes?.walkthroughs ?? [];
  const found = all.find((w) => w.id === Walkthrough.id);
  assert.ok(found, 'the installed extension contributes the walkthrough');
  return found;
}

/** The Getting Started editor is not a text, custom or webview tab: it has no typed input, and VS Code names it. */
function walkthroughTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input === undefined && /^(Welcome|Walkthrough)/.test(t.label));
}

async function closeWalkthroughs(): Promise<void> {
  const tabs = walkthroughTabs();
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

/** vscode.Memento as VS Code documents it (get with default, update, keys, setKeysForSync), held in memory. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  synced: readonly string[] = [];
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
  setKeysForSync(keys: readonly string[]): void {
    this.synced = keys;
  }
}

describe('getting-started walkthrough in a real extension host', function () {
  this.timeout(90_000);
  let emu: Emulator | undefined;
  const openOnInstall = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('workbench.welcomePage.walkthroughs');
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
    await closeWalkthroughs();
  });
  after(async () => {
    await openOnInstall().update('openOnInstall', undefined, vscode.ConfigurationTarget.Global);
    await restoreSettings();
  });

  it('is registered: "RingCentral: Get Started" opens it, and every step\'s button runs a command that exists', async () => {
    await hooks();
    const wt = loadedWalkthrough();
    assert.deepEqual(wt.steps.map((s) => s.id), Object.values(Walkthrough.steps));
    const all = new Set(await vscode.commands.getCommands(true));
    const linked = wt.steps.flatMap((s) => [...s.description.matchAll(/\]\(command:([^)?]+)/g)].map((m) => m[1] as string));
    assert.deepEqual(linked, [Commands.signIn, `${Views.phoneNumbers}.focus`, Commands.exportPhoneNumbersCsv, Commands.generatePowerShellScript]);
    for (const c of linked) assert.ok(all.has(c), `${c} is registered`);
    assert.ok(all.has(Commands.getStarted));

    await closeWalkthroughs();
    await vscode.commands.executeCommand(Commands.getStarted);
    await waitFor('the walkthrough editor', () => walkthroughTabs().length === 1);
    const tab = walkthroughTabs()[0];
    assert.ok(tab?.isActive, `the walkthrough is the active tab (${tab?.label})`);
  });

  it('completes "Sign in" on sign-in: the step waits for ringcentral.signedIn, which signing in sets', async () => {
    const h = await hooks();
    const step = loadedWalkthrough().steps.find((s) => s.id === Walkthrough.steps.signIn);
    assert.deepEqual(step?.completionEvents, [`onContext:${ContextKeys.signedIn}`]);
    // Record what the extension tells VS Code (it shares this API object): the workbench completes the step when
    // the key it names turns true. The UI test (test/ui/walkthrough.mjs) watches the checkmark itself.
    const calls: unknown[][] = [];
    const real = vscode.commands.executeCommand;
    const spy = (command: string, ...rest: unknown[]): Thenable<unknown> => {
      if (command === 'setContext') calls.push(rest);
      return real(command, ...rest);
    };
    (vscode.commands as { executeCommand: typeof spy }).executeCommand = spy;
    try {
      emu = await freshEmulator(h);
      calls.length = 0;
      await signInWithJwt(h, emu); // the step's button is this command
      await waitFor('ringcentral.signedIn = true', () => calls.some(([key, value]) => key === ContextKeys.signedIn && value === true));
    } finally {
      (vscode.commands as { executeCommand: typeof real }).executeCommand = real;
    }
    assert.ok(await h.service.session());
  });

  it('opens once on first run, never when walkthroughs are turned off or for someone already signed in', async () => {
    await hooks();
    await closeWalkthroughs();
    await openOnInstall().update('openOnInstall', true, vscode.ConfigurationTarget.Global);
    await waitFor('the setting', () => openOnInstall().get('openOnInstall') === true);

    const first = new MemoryMemento();
    assert.equal(await offerWalkthroughOnce(first, () => Promise.resolve(false)), true);
    await waitFor('the walkthrough editor', () => walkthroughTabs().length === 1);
    assert.deepEqual(first.synced, [OFFERED_KEY], 'Settings Sync carries "offered", so another machine does not ask again');
    await closeWalkthroughs();
    assert.equal(await offerWalkthroughOnce(first, () => Promise.resolve(false)), false, 'not a second time');

    assert.equal(await offerWalkthroughOnce(new MemoryMemento(), () => Promise.resolve(true)), false, 'not when signed in already (an upgrade)');
    await openOnInstall().update('openOnInstall', false, vscode.ConfigurationTarget.Global);
    await waitFor('the setting', () => openOnInstall().get('openOnInstall') === false);
    assert.equal(await offerWalkthroughOnce(new MemoryMemento(), () => Promise.resolve(false)), false, 'not when the user turned walkthroughs off');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(walkthroughTabs().length, 0);
  });
});
