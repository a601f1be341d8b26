import { sleep, within } from './sleep';

describe('sleep', () => {
  it('returns early when its signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);

    controller.abort();

    await expect(sleeping).resolves.toBeUndefined();
  });
});

describe('within', () => {
  it('gives the promise result when it settles in time', async () => {
    await expect(within(Promise.resolve('done'), 60_000, 'late')).resolves.toBe('done');
  });

  it('gives the fallback when the promise hangs', async () => {
    const hanging = new Promise<string>(() => undefined);

    await expect(within(hanging, 10, 'late')).resolves.toBe('late');
  });

  it('gives the fallback as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const waiting = within(
      new Promise<string>(() => undefined),
      60_000,
      'stopped',
      controller.signal,
    );

    controller.abort();

    await expect(waiting).resolves.toBe('stopped');
  });

  it('passes a rejection through', async () => {
    await expect(within(Promise.reject(new Error('boom')), 60_000, 'late')).rejects.toThrow('boom');
  });
});
