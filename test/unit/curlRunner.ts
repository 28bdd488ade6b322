import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Runs a cURL snippet through bash with `curl` replaced by a function that prints its argv,
 * NUL-separated so arguments holding newlines stay whole. Runs in an empty scratch directory, so
 * a quoting bug that executes `$(touch pwned)` (or a stray `> x`) leaves a file there.
 */
export function curlArgv(snippet: string): { argv: string[]; ran: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rc-snippet-'));
  try {
    const script = `curl() { printf '%s\\0' "$@"; }\nRC_ACCESS_TOKEN=tok123\n${snippet}\n`;
    const result = spawnSync('bash', ['--noprofile', '--norc', '-c', script], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const argv = result.stdout.split('\0');
    assert.equal(argv.pop(), '');
    const ran = readdirSync(dir);
    return { argv, ran };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
