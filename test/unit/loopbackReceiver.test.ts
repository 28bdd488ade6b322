import assert from 'node:assert/strict';
import { LoopbackReceiver } from '../../src/core/auth/loopbackReceiver';
import { RingCentralError } from '../../src/core/errors';

const PORT = 43217;

describe('loopback receiver for the browser sign-in', () => {
  it('accepts only the redirect with our state, answers the browser, and stops listening', async () => {
    const receiver = new LoopbackReceiver(new URL(`http://127.0.0.1:${PORT}/callback`), 'our-state');
    const wait = await receiver.listen(new AbortController().signal, 10_000);
    const wrong = await fetch(`http://127.0.0.1:${PORT}/callback?code=evil&state=other`);
    assert.equal(wrong.status, 400);
    const right = await fetch(`http://127.0.0.1:${PORT}/callback?code=the-code&state=our-state`);
    assert.equal(right.status, 200);
    assert.match(await right.text(), /close this tab/);
    assert.deepEqual(await wait(), { code: 'the-code' });
    await assert.rejects(fetch(`http://127.0.0.1:${PORT}/callback`), 'no longer listening');
  });

  it('reports a denial, a timeout and a cancellation as typed errors', async () => {
    const denied = new LoopbackReceiver(new URL(`http://127.0.0.1:${PORT}/cb`), 's');
    const waitDenied = await denied.listen(new AbortController().signal, 10_000);
    await fetch(`http://127.0.0.1:${PORT}/cb?error=access_denied&state=s`);
    await assert.rejects(waitDenied(), (e: unknown) => e instanceof RingCentralError && e.code === 'access_denied');

    const slow = new LoopbackReceiver(new URL(`http://127.0.0.1:${PORT}/cb`), 's');
    const waitSlow = await slow.listen(new AbortController().signal, 50);
    await assert.rejects(waitSlow(), (e: unknown) => e instanceof RingCentralError && e.kind === 'timeout');

    const ctl = new AbortController();
    const cancelled = new LoopbackReceiver(new URL(`http://127.0.0.1:${PORT}/cb`), 's');
    const waitCancelled = await cancelled.listen(ctl.signal, 10_000);
    ctl.abort();
    await assert.rejects(waitCancelled(), (e: unknown) => e instanceof RingCentralError && e.kind === 'cancelled');
  });

  it('says which port is taken', async () => {
    const first = new LoopbackReceiver(new URL(`http://127.0.0.1:${PORT}/cb`), 's');
    const wait = await first.listen(new AbortController().signal, 10_000);
    const second = new LoopbackReceiver(new URL(`http://127.0.0.1:${PORT}/cb`), 's');
    await assert.rejects(second.listen(new AbortController().signal, 1000), (e: unknown) => e instanceof RingCentralError && /Cannot listen/.test(e.message) && /another port/.test(e.hint));
    first.close();
    await wait().catch(() => undefined);
  });
});
