// Smoke suite for the integration rig: proves the tests really run inside a VS Code extension host
// with this repository's extension loaded from its folder (extensionDevelopmentPath).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface Manifest {
  name: string;
  publisher: string;
  version: string;
  engines: { vscode: string };
  contributes?: { commands?: { command: string }[] };
}

// out/test/integration/rig.test.js -> repository root
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const extensionId = `${manifest.publisher}.${manifest.name}`;

function getExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `extension ${extensionId} is not loaded; loaded: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
  return ext;
}

/** [major, minor, patch] of a version such as "1.96.0" or a range such as "^1.96.0". */
function versionParts(v: string): number[] {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(v);
  assert.ok(m, `not a version: ${v}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

describe('integration rig', () => {
  it('runs inside a VS Code extension host and reports its version', () => {
    console.log(`      vscode ${vscode.version} (${vscode.env.appName}, ui kind ${vscode.env.uiKind}), node ${process.version}`);
    const [major, minor, patch] = versionParts(vscode.version);
    const [minMajor, minMinor, minPatch] = versionParts(manifest.engines.vscode);
    const cmp = major! - minMajor! || minor! - minMinor! || patch! - minPatch!;
    assert.ok(cmp >= 0, `VS Code ${vscode.version} is older than engines.vscode ${manifest.engines.vscode}`);
  });

  it(`has the extension ${extensionId} loaded from this working tree`, () => {
    const ext = getExtension();
    assert.equal(fs.realpathSync(ext.extensionPath), fs.realpathSync(repoRoot));
    // The manifest as VS Code parsed it, not as we read it from disk.
    const seen = ext.packageJSON as Partial<Manifest>;
    assert.equal(seen.name, manifest.name);
    assert.equal(seen.publisher, manifest.publisher);
    assert.equal(seen.version, manifest.version);
  });

  it('activates the extension', async () => {
    const ext = getExtension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers every command the manifest contributes once active', async () => {
    await getExtension().activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = (manifest.contributes?.commands ?? []).map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('fails on purpose when RC_FORCE_FAIL=1 (proves failures reach the exit status)', function () {
    if (process.env.RC_FORCE_FAIL !== '1') this.skip();
    assert.fail('RC_FORCE_FAIL=1: this failure is intentional');
  });
});
