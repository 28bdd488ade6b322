import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { CentralStorage, type CentralOptions } from '../../doubles/vscodeSecretStorage';
import type { WindowCommand, WindowConfig, WindowReply } from './protocol';

/** A window process as the test drives it. */
export class WindowHandle {
  private next = 0;
  private readonly waiting = new Map<number, (r: WindowReply) => void>();

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (m: WindowReply & { storage?: string }) => {
      if (m.rpc !== undefined) this.waiting.get(m.rpc)?.(m);
    });
  }

  /** Sends a command; rejects with the window's error text. */
  ask<T>(cmd: WindowCommand): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const rpc = ++this.next;
      this.waiting.set(rpc, (r) => {
        this.waiting.delete(rpc);
        if (r.error !== undefined) reject(new Error(`${this.name}: ${r.error}`));
        else resolve(r.value as T);
      });
      this.child.send({ rpc, cmd });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.disconnect();
    });
  }
}

/** Windows in processes of their own around one main-process storage (VS Code's application storage). */
export class Windows {
  readonly central: CentralStorage;
  readonly list: WindowHandle[] = [];

  constructor(options: CentralOptions = {}) {
    this.central = new CentralStorage(options);
  }

  async open(count: number, config: WindowConfig): Promise<WindowHandle[]> {
    const opened: WindowHandle[] = [];
    for (let i = 0; i < count; i++) {
      const child = fork(path.join(__dirname, 'windowProcess.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--enable-source-maps'] });
      this.central.serve(child);
      const w = new WindowHandle(`window ${this.list.length + 1}`, child);
      await w.ask({ op: 'init', config });
      this.list.push(w);
      opened.push(w);
    }
    return opened;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.list.map((w) => w.close()));
    this.list.length = 0;
  }
}
