import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, EXTENSION_ID, SettingKeys, Views, AUTH_PROVIDER_ID } from '../../src/ui/ids';

interface Manifest {
  name: string;
  publisher: string;
  main: string;
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    views: Record<string, { id: string; name: string }[]>;
    viewsContainers: { activitybar: { id: string; title: string; icon: string }[] };
    viewsWelcome: { view: string; when: string }[];
    menus: Record<string, { command?: string; submenu?: string; when?: string }[]>;
    configuration: { properties: Record<string, { scope?: string; default?: unknown }> };
  };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
}

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

describe('package.json agrees with src/ui/ids.ts', () => {
  it('extension id', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
  });

  it('commands: the same set, all in category RingCentral, user-facing titles as promised', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    const ours = Object.values(Commands).sort();
    assert.deepEqual(contributed, ours);
    assert.ok(manifest.contributes.commands.every((c) => c.category === 'RingCentral'));
    const titles = new Map(manifest.contributes.commands.map((c) => [c.command, c.title]));
    assert.equal(titles.get(Commands.signIn), 'Sign In');
    assert.equal(titles.get(Commands.signOut), 'Sign Out');
    assert.equal(titles.get(Commands.refresh), 'Refresh');
    assert.equal(titles.get(Commands.exportPhoneNumbersJson), 'Export Phone Numbers as JSON');
    assert.equal(titles.get(Commands.exportPhoneNumbersCsv), 'Export Phone Numbers as CSV');
    assert.equal(titles.get(Commands.exportAccountJson), 'Export Account as JSON');
    assert.equal(titles.get(Commands.copyRequestPowerShell), 'Copy Request as PowerShell');
    assert.equal(titles.get(Commands.copyRequestCurl), 'Copy Request as cURL');
    assert.equal(titles.get(Commands.callApi), 'Call API…');
    assert.equal(titles.get(Commands.filterPhoneNumbers), 'Filter Phone Numbers');
    assert.equal(titles.get(Commands.showLogs), 'Show Logs');
    assert.equal(titles.get(Commands.forgetCredentials), 'Forget Credentials');
  });

  it('views and container', () => {
    const container = manifest.contributes.viewsContainers.activitybar[0];
    assert.equal(container?.id, Views.container);
    assert.equal(container?.title, 'RingCentral');
    assert.ok(fs.existsSync(path.join(root, container?.icon ?? 'missing')));
    assert.deepEqual(
      manifest.contributes.views[Views.container]?.map((v) => [v.id, v.name]),
      [
        [Views.account, 'Account'],
        [Views.phoneNumbers, 'Phone Numbers'],
        [Views.users, 'Users'],
      ],
    );
  });

  it('menus name only contributed commands and only our context keys', () => {
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    const ourKeys = new Set<string>(Object.values(ContextKeys));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const e of entries) {
        if (e.command) assert.ok(commands.has(e.command), `${menu}: ${e.command}`);
        for (const key of (e.when ?? '').match(/ringcentral\.[A-Za-z]+/g) ?? []) {
          if (key.startsWith('ringcentral.') && !Object.values(Views).includes(key as never)) assert.ok(ourKeys.has(key), `${menu}: unknown context key ${key}`);
        }
      }
    }
  });

  it('commands that need a session are hidden from the palette when signed out', () => {
    const palette = new Map(manifest.contributes.menus.commandPalette?.map((e) => [e.command, e.when]));
    for (const c of [Commands.signOut, Commands.refresh, Commands.exportPhoneNumbersJson, Commands.exportPhoneNumbersCsv, Commands.exportAccountJson, Commands.callApi, Commands.copyRequestCurl, Commands.copyRequestPowerShell, Commands.filterPhoneNumbers, Commands.exportUsersJson, Commands.exportUsersCsv, Commands.exportUsersWithNumbersCsv, Commands.filterUsers]) {
      assert.equal(palette.get(c), ContextKeys.signedIn, c);
    }
    assert.equal(palette.has(Commands.signIn), false, 'Sign In is always available');
  });

  // Where credentials go is read from the User settings in local and remote windows alike: scope "application".
  // "machine" is ignored from User settings in a remote window (VS Code's LOCAL_MACHINE_SCOPES), and VS Code 1.139
  // applied or dropped it depending on startup order: Sign In went to the default server (issue 7, point 10;
  // test/multiwindow/signInServer.mjs). Workspace and Remote settings never apply to "application".
  it('settings: the keys we read exist; where credentials go is application-scoped and restricted in untrusted workspaces', () => {
    const props = manifest.contributes.configuration.properties;
    for (const key of Object.values(SettingKeys)) assert.ok(props[key], key);
    for (const key of [SettingKeys.server, SettingKeys.authFlow, SettingKeys.redirectUri]) {
      assert.equal(props[key]?.scope, 'application', key);
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), key);
    }
    assert.equal(props[SettingKeys.server]?.default, 'https://platform.ringcentral.com');
    assert.equal(props[SettingKeys.authFlow]?.default, 'jwt');
    assert.equal(props[SettingKeys.pageSize]?.default, 1000);
  });

  it('activation is minimal: the auth provider request (views and commands activate implicitly)', () => {
    assert.deepEqual(manifest.activationEvents, [`onAuthenticationRequest:${AUTH_PROVIDER_ID}`]);
    assert.equal(manifest.main, './dist/extension.js');
  });
});
