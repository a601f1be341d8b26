import pino from 'pino';
import { startInBackground } from './start-in-background';

const logger = pino({ level: 'silent' });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('startInBackground', () => {
  it('keeps trying until the consumer starts, and is starting until then', async () => {
    let calls = 0;
    const handler = {
      start: () => (++calls < 3 ? Promise.reject(new Error('no topic yet')) : Promise.resolve()),
      stop: () => Promise.resolve(),
    };

    const consumer = startInBackground(handler, logger, 1);
    expect(consumer.starting()).toBe(true);
    while (consumer.starting()) await tick();

    expect(calls).toBe(3);
    await consumer.stop();
  });

  it('stops trying once stopped, and stops the consumer', async () => {
    let calls = 0;
    let stops = 0;
    const handler = {
      start: () => (calls++, Promise.reject(new Error('no topic yet'))),
      stop: () => (stops++, Promise.resolve()),
    };

    const consumer = startInBackground(handler, logger, 1);
    await tick();
    await consumer.stop();
    const after = calls;
    await tick();

    expect(calls).toBe(after);
    expect(stops).toBeGreaterThan(0);
    expect(consumer.starting()).toBe(true);
  });
});
