import { fork } from 'node:child_process';

/**
 * Runs a compiled bench script in a fresh Node process (with `--expose-gc` by default) so that its memory
 * peaks and load times are its own. Input goes as JSON in argv, the result comes back over IPC.
 */
export function runChild<T>(script: string, input: unknown, execArgv: string[] = ['--expose-gc']): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(input)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: { ok: true; value: T } | { ok: false; error: string } | undefined;
    child.on('message', (m) => {
      result = m as typeof result;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result?.ok) resolve(result.value);
      else reject(new Error(result?.error ?? `${script} exited with ${signal ?? code} and no result`));
    });
  });
}

/** The child side: reads the input, runs `main`, sends the result (or the error) back and exits. */
export function childMain<I, T>(main: (input: I) => Promise<T>): void {
  const send = (message: unknown): Promise<void> =>
    new Promise((resolve) => {
      if (process.send) process.send(message, () => resolve());
      else {
        console.log(JSON.stringify(message));
        resolve();
      }
    });
  void (async () => {
    try {
      const input = JSON.parse(process.argv[2] ?? '{}') as I;
      const value = await main(input);
      await send({ ok: true, value });
      process.exit(0);
    } catch (e) {
      await send({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      process.exit(1);
    }
  })();
}

/** global.gc when the process runs with --expose-gc; a no-op otherwise. */
export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}
