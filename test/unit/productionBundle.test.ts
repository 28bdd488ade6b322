import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

describe('production bundle', function () {
  this.timeout(60_000);

  it('leaves the test hooks out: no handle on the session for other extensions, no browser seam', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rc-bundle-'));
    try {
      const prod = path.join(dir, 'extension.js');
      const dev = path.join(dir, 'extension.dev.js');
      execFileSync(process.execPath, ['esbuild.mjs', '--production', `--outfile=${prod}`], { cwd: root, stdio: 'pipe' });
      execFileSync(process.execPath, ['esbuild.mjs', `--outfile=${dev}`], { cwd: root, stdio: 'pipe' });
      const prodText = readFileSync(prod, 'utf8');
      const devText = readFileSync(dev, 'utf8');
      // The development build (what the integration tests load) has them, so the checks below can fail.
      assert.match(devText, /RINGCENTRAL_EXPLORER_TEST_HOOKS/);
      assert.match(devText, /registeredCommands/);
      // Property names and strings survive minification; these are the hooks' own.
      assert.doesNotMatch(prodText, /RINGCENTRAL_EXPLORER_TEST_HOOKS/);
      assert.doesNotMatch(prodText, /registeredCommands|setBrowserOpener|activeInputBox/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
