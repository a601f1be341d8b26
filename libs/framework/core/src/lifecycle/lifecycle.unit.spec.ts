import { createLogger } from '../logging/logger';
import { createLifecycle, type Lifecycle } from './lifecycle';

const logger = createLogger({ name: 'test', level: 'silent' });

describe('createLifecycle', () => {
  it('stops in reverse order of registration, one at a time', async () => {
    const lifecycle = createLifecycle({ logger, graceMs: 1000 });
    const calls: string[] = [];
    lifecycle.onStop('kafka', () => {
      calls.push('kafka');
    });
    lifecycle.onStop('http', async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      calls.push('http');
    });

    await lifecycle.stop('test');

    expect(calls).toEqual(['http', 'kafka']);
  });

  it('is stopping from the first call, and stops only once', async () => {
    const lifecycle = createLifecycle({ logger, graceMs: 1000 });
    const stop = jest.fn();
    lifecycle.onStop('x', stop);

    expect(lifecycle.isStopping()).toBe(false);
    const first = lifecycle.stop('one');
    expect(lifecycle.isStopping()).toBe(true);
    await Promise.all([first, lifecycle.stop('two')]);

    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('runs every stopper even when one fails, then reports the failure', async () => {
    const lifecycle = createLifecycle({ logger, graceMs: 1000 });
    const last = jest.fn();
    lifecycle.onStop('mongo', last);
    lifecycle.onStop('kafka', () => Promise.reject(new Error('broker gone')));

    await expect(lifecycle.stop('test')).rejects.toThrow(AggregateError);
    expect(last).toHaveBeenCalledTimes(1);
  });

  describe('on a signal', () => {
    let exit: jest.SpyInstance;
    let uninstall: () => void = () => undefined;

    /**
     * Installs the lifecycle's handlers and returns a way to deliver a signal to them. The
     * listeners are called directly: a runner may wrap `process.emit` (Nx does) so that it
     * bypasses the listeners registered inside the test sandbox.
     */
    const install = (lifecycle: Lifecycle) => {
      const before = new Set([...process.listeners('SIGTERM'), ...process.listeners('SIGINT')]);
      uninstall = lifecycle.installSignalHandlers();
      return (signal: 'SIGTERM' | 'SIGINT') => {
        for (const listener of process.listeners(signal)) {
          if (!before.has(listener)) listener(signal);
        }
      };
    };

    beforeEach(() => {
      exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    });

    afterEach(() => {
      uninstall();
      exit.mockRestore();
      jest.useRealTimers();
    });

    it('stops and exits 0', async () => {
      const lifecycle = createLifecycle({ logger, graceMs: 1000 });
      const stop = jest.fn();
      lifecycle.onStop('x', stop);
      const send = install(lifecycle);

      send('SIGTERM');
      await new Promise((resolve) => setImmediate(resolve));

      expect(stop).toHaveBeenCalledTimes(1);
      expect(exit).toHaveBeenCalledWith(0);
    });

    it('disarms the grace period once it stopped, and when uninstalled', async () => {
      jest.useFakeTimers();
      const lifecycle = createLifecycle({ logger, graceMs: 500 });
      const send = install(lifecycle);

      send('SIGTERM');
      await jest.advanceTimersByTimeAsync(1_000);
      expect(exit.mock.calls).toEqual([[0]]);

      const stuck = createLifecycle({ logger, graceMs: 500 });
      stuck.onStop('stuck', () => new Promise<void>(() => undefined));
      uninstall();
      const sendToStuck = install(stuck);
      sendToStuck('SIGTERM');
      uninstall();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(exit.mock.calls).toEqual([[0]]);
    });

    it('exits 1 when a stopper fails', async () => {
      const lifecycle = createLifecycle({ logger, graceMs: 1000 });
      lifecycle.onStop('x', () => Promise.reject(new Error('no')));
      const send = install(lifecycle);

      send('SIGINT');
      await new Promise((resolve) => setImmediate(resolve));

      expect(exit).toHaveBeenCalledWith(1);
      expect(exit).not.toHaveBeenCalledWith(0);
    });

    it('exits 1 at once on a second signal while stopping', () => {
      const lifecycle = createLifecycle({ logger, graceMs: 1000 });
      lifecycle.onStop('stuck', () => new Promise<void>(() => undefined));
      const send = install(lifecycle);

      send('SIGINT');
      expect(exit).not.toHaveBeenCalled();
      send('SIGINT');

      expect(exit).toHaveBeenCalledWith(1);
    });

    it('exits 1 when the grace period passes', async () => {
      jest.useFakeTimers();
      const lifecycle = createLifecycle({ logger, graceMs: 500 });
      lifecycle.onStop('stuck', () => new Promise<void>(() => undefined));
      const send = install(lifecycle);

      send('SIGTERM');
      await jest.advanceTimersByTimeAsync(499);
      expect(exit).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1);

      expect(exit).toHaveBeenCalledWith(1);
    });
  });
});
