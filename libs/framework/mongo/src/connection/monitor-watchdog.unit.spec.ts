import { EventEmitter } from 'node:events';
import type { MongoClient } from 'mongodb';
import pino from 'pino';
import { watchMonitor } from './monitor-watchdog';

/** A client that emits heartbeat events and records close/connect. */
function fakeClient() {
  const calls: string[] = [];
  const emitter = Object.assign(new EventEmitter(), {
    close: () => {
      calls.push('close');
      return Promise.resolve();
    },
    connect: () => {
      calls.push('connect');
      return Promise.resolve();
    },
  });
  return { client: emitter as unknown as MongoClient, emitter, calls };
}

describe('watchMonitor', () => {
  const server = { connectionId: '127.0.0.1:27017' };
  let clock = 0;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000;
  });

  it('reconnects the client when a heartbeat has run for stuckAfterMs without ending', async () => {
    const { client, emitter, calls } = fakeClient();
    const watchdog = watchMonitor({
      client,
      logger: pino({ level: 'silent' }),
      stuckAfterMs: 30_000,
      now,
    });
    try {
      emitter.emit('serverHeartbeatStarted', server);
      clock += 29_999;
      await watchdog.check();
      expect(calls).toEqual([]);

      clock += 1;
      await watchdog.check();
      expect(calls).toEqual(['close', 'connect']);
      expect(watchdog.reconnections()).toBe(1);

      // The old heartbeat is forgotten: no second reconnection for it.
      clock += 60_000;
      await watchdog.check();
      expect(watchdog.reconnections()).toBe(1);
    } finally {
      watchdog.stop();
    }
  });

  it('leaves a client alone whose heartbeats end, however long it runs', async () => {
    const { client, emitter, calls } = fakeClient();
    const watchdog = watchMonitor({
      client,
      logger: pino({ level: 'silent' }),
      stuckAfterMs: 30_000,
      now,
    });
    try {
      for (let i = 0; i < 10; i++) {
        emitter.emit('serverHeartbeatStarted', server);
        clock += 10_000;
        emitter.emit(i % 2 === 0 ? 'serverHeartbeatSucceeded' : 'serverHeartbeatFailed', server);
        await watchdog.check();
      }
      expect(calls).toEqual([]);
    } finally {
      watchdog.stop();
    }
  });

  it('stops listening once stopped', async () => {
    const { client, emitter, calls } = fakeClient();
    const watchdog = watchMonitor({
      client,
      logger: pino({ level: 'silent' }),
      stuckAfterMs: 30_000,
      now,
    });
    watchdog.stop();
    emitter.emit('serverHeartbeatStarted', server);
    clock += 60_000;
    await watchdog.check();
    expect(calls).toEqual([]);
    expect(emitter.listenerCount('serverHeartbeatStarted')).toBe(0);
  });
});
