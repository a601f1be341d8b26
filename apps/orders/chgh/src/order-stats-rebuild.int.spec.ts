import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { RunningApp } from '@cqrs/framework-core';
import { uniqueName, waitUntil } from '@cqrs/framework-core/testing';
import type { RebuildResource } from '@cqrs/framework-change-handling';
import type { OrderDocument, OrderStats } from '@cqrs/orders-shared';
import { orderStatsCollection, ordersCollection } from '@cqrs/orders-shared';
import { chghFixture } from './testing/chgh-fixture';
import { orderWrites } from './testing/order-writes';
import {
  freshStats,
  hasCollection,
  orderTraffic,
  rebuildCaller,
  rebuildReaching,
  rebuildsPath,
  storedRebuild,
  storedStats,
} from './testing/order-stats-rebuilds';

describe('orders-chgh read-model rebuilds', () => {
  let fixture: Awaited<ReturnType<typeof chghFixture>>;
  let app: RunningApp;
  let traffic: ReturnType<typeof orderTraffic>;
  const call = rebuildCaller(() => app.url);
  const customers = ['cust-a', 'cust-b', 'cust-c'].map((c) => uniqueName(c));

  beforeEach(async () => {
    fixture = await chghFixture();
    traffic = orderTraffic(orderWrites(fixture.db), customers);
  });
  afterEach(async () => {
    await fixture.close();
  });

  const stats = () => fixture.db.collection<OrderStats>(orderStatsCollection);
  /** The orders some stats document holds, open or closed. */
  const tracked = (all: OrderStats[]) =>
    new Set(
      all.flatMap((s) => [...Object.keys(s.openOrders), ...s.recentlyClosed.map((c) => c.orderId)]),
    );

  /** Starts a replica, lets it project `count` orders, then damages `order_stats`. */
  async function seedAndCorrupt(count: number, env: Record<string, string>) {
    app = await fixture.startReplica(env);
    await waitUntil(fixture.streamOpen, 'the change stream is open');
    for (let i = 0; i < count; i++) await traffic.life();
    await waitUntil(
      async () => isDeepStrictEqual(await storedStats(fixture.db), await freshStats(fixture.db)),
      'order_stats holds every order',
    );
    // A lost document and a wrong count, as a bug or a hand edit would leave them.
    await stats().deleteOne({ _id: customers[0] });
    await stats().updateOne({ _id: customers[1] }, { $set: { 'byStatus.placed.count': 99 } });
  }

  async function requestRebuild(): Promise<RebuildResource> {
    const reply = await call('POST', rebuildsPath);
    expect(reply.status).toBe(202);
    const rebuild = reply.body as RebuildResource;
    expect(reply.headers.get('location')).toBe(`${rebuildsPath}/${rebuild.id}`);
    return rebuild;
  }

  describe('when an operator rebuilds order_stats while orders keep coming', () => {
    it('serves the old collection meanwhile, then switches to one that equals a fresh projection', async () => {
      // Arrange
      await seedAndCorrupt(16, { REBUILD_PAUSE_MS: '250' });
      const corrupted = await stats().findOne({ _id: customers[1] });

      // Act: request it; until it has completed, write an order per scan step, so the scan (which
      // reads the orders written after its position too) always gains on the writes.
      const requested = await requestRebuild();
      let seenServing = 0;
      let progress = requested;
      for (let i = 0; i < 100 && progress.finishedAt === null; i++) {
        const orderId = await traffic.life();
        await waitUntil(
          async () => tracked(await stats().find().toArray()).has(orderId),
          `the live order_stats track ${orderId}`,
        );
        const live = await stats().findOne({ _id: customers[1] });
        const before = progress;
        progress = await rebuildReaching(
          call,
          requested.id,
          (r) => r.status !== before.status || r.documents > before.documents,
          `moved on from ${before.status} at ${before.documents} orders`,
        );
        // Still building, the old (damaged) collection serves and follows the writes.
        if (progress.status === 'building' && (live?.byStatus.placed.count ?? 0) >= 90) {
          seenServing += 1;
        }
      }

      // Assert
      expect(requested).toMatchObject({
        readModel: 'order-stats',
        collection: 'order_stats',
        target: `order_stats__rebuild_${requested.id}`,
        status: 'building',
        documents: 0,
        total: 16,
        requestedBy: 'ops-ada',
        finishedAt: null,
      });
      expect(corrupted?.byStatus.placed.count).toBe(99);
      expect(progress.status).toBe('completed');
      expect(seenServing).toBeGreaterThan(0);
      await waitUntil(
        async () => isDeepStrictEqual(await storedStats(fixture.db), await freshStats(fixture.db)),
        'order_stats holds every order, those written during the rebuild too',
        15_000,
      );
      expect(await storedStats(fixture.db)).toEqual(await freshStats(fixture.db));
      const inStats = tracked(await stats().find().toArray());
      expect(traffic.written.filter((id) => !inStats.has(id))).toEqual([]);
      expect(progress.documents).toBeGreaterThanOrEqual(16);
      expect(progress.finishedAt).not.toBeNull();
      expect(await hasCollection(fixture.db, requested.target)).toBe(false);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toMatch(
        new RegExp(
          `read_model_rebuild_documents_total\\{[^}]*projection="order-stats"[^}]*\\} ${progress.documents}\\b`,
        ),
      );
      // Finished: it cannot be cancelled any more, and the read model can be rebuilt again.
      const late = await call('POST', `${rebuildsPath}/${requested.id}/cancel`);
      expect([late.status, (late.body as { reason?: string }).reason]).toEqual([
        409,
        'rebuild_finished',
      ]);
      expect(late.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  describe('when the leader stops in the middle of the scan', () => {
    it('is continued from its saved position by the next leader, with the writes made meanwhile', async () => {
      // Arrange: 18 orders, 3 per scan step, a pause between steps
      await seedAndCorrupt(18, { REBUILD_PAUSE_MS: '250' });
      const requested = await requestRebuild();
      await rebuildReaching(call, requested.id, (r) => r.documents >= 6, 'scanned 6 orders');

      // Act: the leader stops; orders are written while none runs; another replica starts
      await fixture.stopReplica(app);
      const atStop = (await storedRebuild(fixture.db, requested.id))!;
      for (let i = 0; i < 4; i++) await traffic.life();
      app = await fixture.startReplica({ REBUILD_PAUSE_MS: '0' });
      const done = await rebuildReaching(
        call,
        requested.id,
        (r) => r.status === 'completed',
        'completed',
      );

      // Assert: it went on after `after` (from the start, it would have counted every order)
      expect(atStop.status).toBe('building');
      expect(atStop.documents).toBeGreaterThanOrEqual(6);
      expect(atStop.documents).toBeLessThan(18);
      const leftAfterStop = await fixture.db
        .collection<OrderDocument>(ordersCollection)
        .countDocuments({ _id: { $gt: atStop.after as string } });
      expect(done.documents).toBe(atStop.documents + leftAfterStop);
      await waitUntil(
        async () => isDeepStrictEqual(await storedStats(fixture.db), await freshStats(fixture.db)),
        'order_stats holds every order',
        15_000,
      );
      expect(await storedStats(fixture.db)).toEqual(await freshStats(fixture.db));
    });
  });

  describe('when cancelled', () => {
    it('drops the new collection, keeps the old one serving, and frees the read model', async () => {
      // Arrange
      await seedAndCorrupt(12, { REBUILD_PAUSE_MS: '300' });
      const requested = await requestRebuild();
      await rebuildReaching(call, requested.id, (r) => r.documents > 0, 'scanned some orders');
      expect(await hasCollection(fixture.db, requested.target)).toBe(true);

      // Act
      const reply = await call('POST', `${rebuildsPath}/${requested.id}/cancel`);
      const again = await call('POST', `${rebuildsPath}/${requested.id}/cancel`);

      // Assert
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ status: 'cancelled', cancelledBy: 'ops-ada' });
      expect(again.status).toBe(200);
      const cancelled = await rebuildReaching(
        call,
        requested.id,
        (r) => r.finishedAt !== null,
        'cleaned up',
      );
      expect(cancelled.status).toBe('cancelled');
      expect(await hasCollection(fixture.db, requested.target)).toBe(false);
      // Still the old, damaged collection: nothing was switched.
      expect((await stats().findOne({ _id: customers[1] }))?.byStatus.placed.count).toBe(99);
      expect(await stats().findOne({ _id: customers[0] })).toBeNull();
      expect((await call('POST', rebuildsPath)).status).toBe(202);
    });
  });

  describe('when asked wrongly', () => {
    it('answers 409 for a second active rebuild, 404 for unknown names and ids, 403 and 401', async () => {
      // Arrange: a slow rebuild stays active
      await seedAndCorrupt(4, { REBUILD_PAUSE_MS: '60000', BATCH_SIZE: '1' });
      const first = await requestRebuild();

      // Act
      const second = await call('POST', rebuildsPath);
      const history = await call('POST', '/orders/read-models/audit-trail/rebuilds');
      const unknownId = await call('GET', `${rebuildsPath}/${randomUUID()}`);
      const otherModel = await call('GET', `/orders/read-models/audit-trail/rebuilds/${first.id}`);
      const shopper = await call('POST', rebuildsPath, { as: 'shopper' });
      const anonymous = await call('GET', `${rebuildsPath}/${first.id}`, { as: null });

      // Assert
      const outcome = (reply: typeof second) => [
        reply.status,
        (reply.body as { reason?: string }).reason,
        reply.headers.get('content-type')?.split(';')[0],
      ];
      expect(outcome(second)).toEqual([409, 'rebuild_in_progress', 'application/problem+json']);
      expect((second.body as { activeRebuild?: string }).activeRebuild).toBe(first.id);
      expect(outcome(history)).toEqual([404, 'read_model_not_found', 'application/problem+json']);
      expect(outcome(unknownId)).toEqual([404, 'rebuild_not_found', 'application/problem+json']);
      expect(outcome(otherModel)).toEqual([
        404,
        'read_model_not_found',
        'application/problem+json',
      ]);
      expect(outcome(shopper)[0]).toBe(403);
      expect(outcome(shopper)[2]).toBe('application/problem+json');
      expect(outcome(anonymous)[0]).toBe(401);
      expect((await call('GET', `${rebuildsPath}/${first.id}`)).body).toMatchObject({
        status: 'building',
      });
    });
  });
});
