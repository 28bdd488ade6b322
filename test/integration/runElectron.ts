// Runs the integration suites in a downloaded desktop VS Code via @vscode/test-electron.
// For machines WITH internet access (it downloads VS Code into .vscode-test/); CI uses
// scripts/test-integration.sh (code-server) instead, which runs the very same out/test/integration/index.js.
//
// Usage (from the repository root, after `npm run build && npx tsc -p .`):
//   node out/test/integration/runElectron.js
// Env: VSCODE_TEST_VERSION (default 'stable'). RC_TEST_GREP, RC_FORCE_FAIL and every other RC_* or
// RINGCENTRAL_EXPLORER_* variable reach the extension host; RINGCENTRAL_EXPLORER_TEST_HOOKS defaults to 1 and
// RC_TEST_RESULTS_FILE to .vscode-test/electron-results.json.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  // out/test/integration/runElectron.js -> repository root
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const extensionTestsEnv: Record<string, string> = {
    RC_TEST_RESULTS_FILE: path.join(repoRoot, '.vscode-test', 'electron-results.json'),
    // activate() hands the suites the extension's internals (src/ui/testHooks.ts)
    RINGCENTRAL_EXPLORER_TEST_HOOKS: '1',
  };
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(RC_|RINGCENTRAL_EXPLORER_)/.test(key) && value !== undefined) extensionTestsEnv[key] = value;
  }
  try {
    return await runTests({
      version: process.env.VSCODE_TEST_VERSION || 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      extensionTestsEnv,
      // A throwaway window: no other extensions, no workspace trust prompt.
      launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (err) {
    console.error('integration tests failed:', err instanceof Error ? err.message : err);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
