/**
 * Run as `node loadProbe.js <bundle>` in a fresh process: resolves `vscode` to a stand-in, times `require` of the
 * bundle and prints `{"requireMs": ...}`. Without a bundle it only reports Node's own start-up as a baseline.
 */
import Module from 'node:module';
import * as path from 'node:path';

const started = process.hrtime.bigint();
const bundle = process.argv[2];
const stubPath = path.join(__dirname, 'vscodeStub.js');

type Resolve = (request: string, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolve };
const original = mod._resolveFilename;
mod._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? stubPath : original.call(this, request, ...rest);
};

let requireMs = 0;
if (bundle) {
  const t = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.resolve(bundle));
  requireMs = Number(process.hrtime.bigint() - t) / 1e6;
}
const uptimeMs = process.uptime() * 1000;
console.log(JSON.stringify({ requireMs, probeMs: Number(process.hrtime.bigint() - started) / 1e6, uptimeMs }));
