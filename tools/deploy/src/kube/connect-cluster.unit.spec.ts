import { ApiException } from '@kubernetes/client-node';
import { retryTransient } from './connect-cluster';

const answer = (code: number, headers: Record<string, string> = {}) =>
  new ApiException(code, `HTTP ${code}`, { message: 'no' }, headers);

/** A call that fails with `failures` in turn, then answers 'done'; and the waits it was given. */
function flaky(...failures: Error[]) {
  const waits: number[] = [];
  let calls = 0;
  const run = () => {
    const failure = failures[calls++];
    return failure === undefined ? Promise.resolve('done') : Promise.reject(failure);
  };
  const sleep = (ms: number) => {
    waits.push(ms);
    return Promise.resolve();
  };
  return { run, sleep, waits, calls: () => calls };
}

describe('retryTransient', () => {
  it('calls again after a 429 while storage initializes, and after 5xx, with growing waits', async () => {
    const call = flaky(answer(429), answer(503), answer(500), answer(504));

    const result = await retryTransient(call.run, { sleep: call.sleep });

    expect(result).toBe('done');
    expect(call.waits).toEqual([250, 500, 1000, 2000]);
  });

  it('waits what Retry-After asks for, within the cap', async () => {
    const call = flaky(answer(429, { 'retry-after': '2' }), answer(503, { 'retry-after': '60' }));

    await retryTransient(call.run, { sleep: call.sleep, maxDelayMs: 5_000 });

    expect(call.waits).toEqual([2_000, 5_000]);
  });

  it('retries a dropped connection', async () => {
    const call = flaky(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

    await expect(retryTransient(call.run, { sleep: call.sleep })).resolves.toBe('done');
  });

  it.each([400, 403, 404, 409, 422, 501])('fails at once on %i', async (code) => {
    const call = flaky(answer(code));

    await expect(retryTransient(call.run, { sleep: call.sleep })).rejects.toMatchObject({ code });
    expect(call.calls()).toBe(1);
  });

  it('gives up after the last attempt with the last answer', async () => {
    const call = flaky(answer(503), answer(503), answer(429));

    await expect(
      retryTransient(call.run, { sleep: call.sleep, attempts: 3 }),
    ).rejects.toMatchObject({ code: 429 });
    expect(call.calls()).toBe(3);
  });
});
