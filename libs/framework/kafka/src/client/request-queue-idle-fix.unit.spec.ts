import { fixRequestQueueIdleLoop } from './request-queue-idle-fix';

const silent = () => ({ debug() {}, info() {}, warn() {}, error() {} });

describe('fixRequestQueueIdleLoop', () => {
  const RequestQueue = fixRequestQueueIdleLoop();
  const queue = () =>
    new RequestQueue({
      maxInFlightRequests: null,
      requestTimeout: 30_000,
      enforceRequestTimeout: false,
      clientId: 'test',
      broker: 'localhost:9092',
      logger: { namespace: silent },
    });

  it('schedules no check when nothing is pending and nothing throttled (kafkajs spins at 1 ms)', () => {
    const q = queue();

    q.scheduleCheckPendingRequests();

    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it('still schedules a check for a pending request, and for a throttle that has not ended', () => {
    const pending = queue();
    pending.pending.push({});
    pending.scheduleCheckPendingRequests();
    const throttled = queue();
    throttled.throttledUntil = Date.now() + 60_000;
    throttled.scheduleCheckPendingRequests();

    expect(pending.throttleCheckTimeoutId).not.toBeNull();
    expect(throttled.throttleCheckTimeoutId).not.toBeNull();
    for (const q of [pending, throttled]) clearTimeout(q.throttleCheckTimeoutId!);
  });

  it('patches once, however often clients are created', () => {
    const before = RequestQueue.prototype.scheduleCheckPendingRequests;

    expect(fixRequestQueueIdleLoop()).toBe(RequestQueue);
    expect(RequestQueue.prototype.scheduleCheckPendingRequests).toBe(before);
  });
});
