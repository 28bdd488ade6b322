import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('layering', () => {
  it('src/core never imports vscode', () => {
    const files = sources(path.join(root, 'src/core'));
    assert.ok(files.length > 10, 'found the core sources');
    const offenders = files.filter((f) => /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('src/core never imports from src/ui', () => {
    const offenders = sources(path.join(root, 'src/core')).filter((f) => /from\s+['"](\.\.\/)+ui\//.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
