import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, Views, Walkthrough } from '../../../src/ui/ids';

/** The getting-started walkthrough in package.json, against ids.ts and the files it names (no VS Code needed). */

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; svg?: string; markdown?: string; altText?: string };
  completionEvents?: string[];
}
interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    walkthroughs: { id: string; title: string; description: string; steps: Step[] }[];
    viewsWelcome: { view: string; when: string; contents: string }[];
  };
}

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === Walkthrough.id);
const commandLinks = (text: string): string[] => [...text.matchAll(/\]\(command:([^)?]+)/g)].map((m) => m[1] as string);

describe('getting-started walkthrough (package.json)', () => {
  it('is contributed under the id in ids.ts, with the six steps of issue 9 in order', () => {
    assert.ok(walkthrough, 'contributes.walkthroughs has it');
    assert.deepEqual(walkthrough.steps.map((s) => s.id), Object.values(Walkthrough.steps));
    assert.deepEqual(walkthrough.steps.map((s) => s.title), [
      'Create an app in the Developer Console',
      'Create a JWT credential',
      'Sign in',
      'See your numbers',
      'Export to CSV',
      'Generate a PowerShell script',
    ]);
  });

  it('one action per step: one link or command button each, to a contributed command, a view, or the Developer Console', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const viewFocus = new Set(Object.values(Views).map((v) => `${v}.focus`));
    for (const step of walkthrough?.steps ?? []) {
      const links = [...step.description.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] as string);
      assert.equal(links.length, 1, `${step.id}: ${links.join(', ')}`);
      for (const c of commandLinks(step.description)) assert.ok(contributed.has(c) || viewFocus.has(c), `${step.id}: command ${c}`);
      for (const l of links.filter((x) => !x.startsWith('command:'))) assert.match(l, /^https:\/\/developers\.ringcentral\.com\//, step.id);
    }
  });

  it('steps complete on what they ask for: signing in completes "Sign in" (the ringcentral.signedIn context key)', () => {
    const events = new Map((walkthrough?.steps ?? []).map((s) => [s.id, s.completionEvents ?? []]));
    assert.deepEqual(events.get(Walkthrough.steps.signIn), [`onContext:${ContextKeys.signedIn}`]);
    assert.deepEqual(events.get(Walkthrough.steps.seeNumbers), [`onView:${Views.phoneNumbers}`]);
    assert.deepEqual(events.get(Walkthrough.steps.exportCsv), [`onCommand:${Commands.exportPhoneNumbersCsv}`]);
    assert.deepEqual(events.get(Walkthrough.steps.powershell), [`onCommand:${Commands.generatePowerShellScript}`]);
    assert.deepEqual(events.get(Walkthrough.steps.createApp), ['onLink:https://developers.ringcentral.com/console']);
  });

  it('every step has media that exists, is packaged (.vscodeignore) and has alt text', () => {
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    for (const step of walkthrough?.steps ?? []) {
      const file = step.media.image ?? step.media.svg ?? step.media.markdown;
      assert.ok(file, `${step.id} has media`);
      assert.ok(fs.existsSync(path.join(root, file)), `${file} exists`);
      const dir = path.dirname(file);
      assert.ok(ignore.includes(`!${dir}/**`) || ignore.includes(`!${dir}/*${path.extname(file)}`), `${file} is in the .vsix`);
      if (!step.media.markdown) assert.ok((step.media.altText ?? '').length > 20, `${step.id} alt text`);
    }
  });

  it('the signed-out welcome view links to it, and "RingCentral: Get Started" opens it', () => {
    const welcome = manifest.contributes.viewsWelcome.filter((w) => w.view === Views.account && w.when === `!${ContextKeys.signedIn}`);
    assert.ok(welcome.some((w) => commandLinks(w.contents).includes(Commands.getStarted)));
    assert.equal(manifest.contributes.commands.find((c) => c.command === Commands.getStarted)?.title, 'Get Started');
    assert.equal(manifest.contributes.commands.find((c) => c.command === Commands.generatePowerShellScript)?.title, 'Generate PowerShell Script…');
  });
});
