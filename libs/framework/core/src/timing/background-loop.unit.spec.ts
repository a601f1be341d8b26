import { sleep } from './sleep';
import { backgroundLoop } from './background-loop';

describe('backgroundLoop', () => {
  it('runs until stopped, reports ready, and can start again', async () => {
    let runs = 0;
    const loop = backgroundLoop(async (stop, ready) => {
      runs += 1;
      ready();
      while (!stop.aborted) await sleep(60_000, stop);
    });

    await loop.start();
    expect(loop.isRunning()).toBe(true);
    await loop.stop();
    expect(loop.isRunning()).toBe(false);
    await loop.start();
    await loop.stop();

    expect(runs).toBe(2);
  });

  it('starts once however often start is called', async () => {
    let runs = 0;
    const loop = backgroundLoop(async (stop, ready) => {
      runs += 1;
      ready();
      await sleep(60_000, stop);
    });

    await Promise.all([loop.start(), loop.start()]);
    await loop.stop();

    expect(runs).toBe(1);
  });

  it('resolves start when the loop ends without reporting ready', async () => {
    const loop = backgroundLoop(() => Promise.resolve());

    await expect(loop.start()).resolves.toBeUndefined();
    await loop.stop();
  });
});
