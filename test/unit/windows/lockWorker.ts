// A process that increments a counter file N times, each read-modify-write under the FileLock (fileLock.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { FileLock } from '../../../src/core/coordination/fileLock';

async function main(): Promise<void> {
  const [lockFile, counter, times] = process.argv.slice(2);
  const lock = new FileLock(lockFile!, { staleMs: 10_000, pollMs: 1 });
  for (let i = 0; i < Number(times); i++) {
    const held = await lock.acquire();
    const n = Number(readFileSync(counter!, 'utf8'));
    await new Promise((r) => setImmediate(r));
    writeFileSync(counter!, String(n + 1));
    await held.release();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
