import { sleep, waitWithHeartbeat } from './wait';

describe('waitWithHeartbeat', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('heartbeats at least every second while it waits', async () => {
    const heartbeat = jest.fn(() => Promise.resolve());

    const waited = waitWithHeartbeat(3_500, heartbeat, new AbortController().signal);
    await jest.advanceTimersByTimeAsync(3_500);

    await expect(waited).resolves.toBe(true);
    expect(heartbeat).toHaveBeenCalledTimes(4);
  });

  it('ends early with false when shutdown aborts it', async () => {
    const heartbeat = jest.fn(() => Promise.resolve());
    const stop = new AbortController();

    const waited = waitWithHeartbeat(60_000, heartbeat, stop.signal);
    await jest.advanceTimersByTimeAsync(1_500);
    stop.abort();

    await expect(waited).resolves.toBe(false);
    expect(heartbeat).toHaveBeenCalledTimes(1);
  });

  it('passes on a heartbeat error (a rebalance), so the batch is given up', async () => {
    const heartbeat = () => Promise.reject(new Error('rebalancing'));

    const waited = waitWithHeartbeat(5_000, heartbeat, new AbortController().signal).catch(
      (error: unknown) => error,
    );
    await jest.advanceTimersByTimeAsync(1_000);

    expect(await waited).toEqual(new Error('rebalancing'));
  });
});

describe('sleep', () => {
  it('resolves at once for no wait or an aborted signal', async () => {
    const aborted = AbortSignal.abort();

    await expect(sleep(0, new AbortController().signal)).resolves.toBeUndefined();
    await expect(sleep(60_000, aborted)).resolves.toBeUndefined();
  });
});
