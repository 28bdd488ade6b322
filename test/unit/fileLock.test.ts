import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileLock } from '../../src/core/coordination/fileLock';

describe('FileLock: exclusive between processes that share a folder', function () {
  this.timeout(30_000);
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'rc-filelock-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('four processes incrementing one counter under the lock lose no update', async () => {
    const counter = path.join(folder, 'counter');
    writeFileSync(counter, '0');
    const children = Array.from({ length: 4 }, () =>
      fork(path.join(__dirname, 'windows', 'lockWorker.js'), [path.join(folder, 'counter.lock'), counter, '25'], { stdio: 'inherit' }),
    );
    const codes = await Promise.all(children.map((c) => new Promise<number | null>((resolve) => c.on('exit', resolve))));
    assert.deepEqual(codes, [0, 0, 0, 0]);
    assert.equal(readFileSync(counter, 'utf8'), '100', 'every read-modify-write happened alone');
  });

  it('a lock left by a process that died is taken at once', async () => {
    const file = path.join(folder, 'dead.lock');
    // A pid that cannot exist on this host (above pid_max), written as a crashed holder would have left it.
    writeFileSync(file, JSON.stringify({ id: 'gone', pid: 2 ** 30, host: hostname(), at: Date.now() }));
    const started = Date.now();
    const held = await new FileLock(file, { staleMs: 60_000 }).acquire();
    assert.ok(Date.now() - started < 1000);
    await held.release();
  });

  it('a lock whose holder stopped touching it is taken only after it stayed stale a heartbeat longer', async () => {
    const file = path.join(folder, 'hung.lock');
    writeFileSync(file, JSON.stringify({ id: 'far', pid: 1, host: 'another-host', at: 0 }));
    const old = new Date(Date.now() - 10_000);
    utimesSync(file, old, old);
    const started = Date.now();
    const held = await new FileLock(file, { staleMs: 2000, heartbeatMs: 300 }).acquire();
    assert.ok(Date.now() - started >= 300, 'waited one heartbeat before judging');
    await held.release();
  });

  it('a live holder keeps its lock past the staleness by its heartbeat; the waiter gets it on release', async () => {
    const file = path.join(folder, 'live.lock');
    const holder = await new FileLock(file, { staleMs: 400, heartbeatMs: 100 }).acquire();
    let waited = false;
    const waiter = new FileLock(file, { staleMs: 400, heartbeatMs: 100 }).acquire().then((h) => {
      waited = true;
      return h;
    });
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal(waited, false, 'not judged stale while its heartbeat runs');
    assert.equal(holder.held, true);
    await holder.release();
    await (await waiter).release();
    assert.equal(waited, true);
  });

  it('a holder whose lock was taken from it learns so (held turns false)', async () => {
    const file = path.join(folder, 'taken.lock');
    const holder = await new FileLock(file, { staleMs: 60_000, heartbeatMs: 50 }).acquire();
    writeFileSync(file, JSON.stringify({ id: 'usurper', pid: process.pid, host: hostname(), at: Date.now() }));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(holder.held, false);
    await holder.release();
    assert.match(readFileSync(file, 'utf8'), /usurper/, 'release leaves the new holder alone');
  });
});
