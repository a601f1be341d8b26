import { randomUUID } from 'node:crypto';
import { changedOf, cmdhForFile, newCustomerId, orderOf } from './testing/cmdh-under-test';

const { cmdh, api } = cmdhForFile();

const stored = (id: string) => cmdh.orders.findOne({ _id: id });
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('orders-cmdh customer standings and customer-wide hold / release', () => {
  describe('POST /internal/customer-standings/{customerId}', () => {
    it('records a newer standing: 200, the standing, ETag', async () => {
      // Arrange
      const customerId = newCustomerId();

      // Act
      const first = await api.recordStanding(customerId, 'pending_kyc', 1);
      const second = await api.recordStanding(customerId, 'active', 3);

      // Assert
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.headers.get('etag')).toBe('"2"');
      expect(second.body).toMatchObject({
        customerId,
        standing: 'active',
        customerVersion: 3,
        version: 2,
      });
    });

    it('answers a stale standing as an idempotent success with the current standing', async () => {
      // Arrange
      const customerId = newCustomerId();
      await api.recordStanding(customerId, 'active', 5);
      const before = await cmdh.standings.findOne({ _id: customerId });

      // Act
      const stale = await api.recordStanding(customerId, 'blocked', 4);

      // Assert
      expect(stale.status).toBe(200);
      expect(stale.headers.get('idempotent-replayed')).toBe('true');
      expect(stale.headers.get('etag')).toBe('"1"');
      expect(stale.body).toMatchObject({ customerId, standing: 'active', customerVersion: 5 });
      expect(await cmdh.standings.findOne({ _id: customerId })).toEqual(before);
    });
  });

  describe('hold and release', () => {
    it('holds the open orders of a blocked customer and releases each to where it was', async () => {
      // Arrange
      const customerId = await api.activeCustomer();
      const placed = await api.placed(customerId);
      const paid = await api.paid(customerId);
      const cancelled = await api.placed(customerId);
      await api.cancel(cancelled.id);
      await api.recordStanding(customerId, 'blocked');

      // Act
      const held = changedOf(await api.hold(customerId));
      const placedHeld = await stored(placed.id);
      await api.recordStanding(customerId, 'active');
      const released = changedOf(await api.release(customerId));

      // Assert
      expect(held).toEqual(
        [
          { id: placed.id, version: 2, status: 'on_hold' },
          { id: paid.id, version: 3, status: 'on_hold' },
        ].sort(byId),
      );
      expect(placedHeld).toMatchObject({
        status: 'on_hold',
        heldFrom: 'placed',
        holdReason: 'customer_blocked',
      });
      expect(released).toEqual(
        [
          { id: placed.id, version: 3, status: 'placed' },
          { id: paid.id, version: 4, status: 'paid' },
        ].sort(byId),
      );
      expect(await stored(paid.id)).toMatchObject({
        status: 'paid',
        heldFrom: null,
        holdReason: null,
      });
      expect(await stored(cancelled.id)).toMatchObject({ status: 'cancelled', version: 2 });
    });

    it('changes nothing on a repeated hold request: same key replays, a new key holds nothing', async () => {
      // Arrange
      const customerId = await api.activeCustomer();
      const order = await api.placed(customerId);
      await api.recordStanding(customerId, 'blocked');
      const key = randomUUID();
      const first = changedOf(await api.hold(customerId, { key }));

      // Act
      const retry = changedOf(await api.hold(customerId, { key }));
      const again = changedOf(await api.hold(customerId));

      // Assert
      expect(first).toEqual([{ id: order.id, version: 2, status: 'on_hold' }]);
      expect(retry).toEqual(first);
      expect(again).toEqual([]);
      expect(await stored(order.id)).toMatchObject({ status: 'on_hold', version: 2 });
    });

    it('changes nothing on a retried release with the same key', async () => {
      // Arrange
      const customerId = await api.activeCustomer();
      const order = await api.placed(customerId);
      await api.recordStanding(customerId, 'blocked');
      changedOf(await api.hold(customerId));
      await api.recordStanding(customerId, 'active');
      const key = randomUUID();
      const first = changedOf(await api.release(customerId, { key }));

      // Act
      const retry = changedOf(await api.release(customerId, { key }));

      // Assert
      expect(first).toEqual([{ id: order.id, version: 3, status: 'placed' }]);
      expect(retry).toEqual(first);
      expect(await stored(order.id)).toMatchObject({ status: 'placed', version: 3 });
    });

    it('ignores a hold while the standing is not blocked and a release while it is not active', async () => {
      // Arrange
      const customerId = await api.activeCustomer();
      const order = await api.placed(customerId);

      // Act
      const hold = changedOf(await api.hold(customerId));
      await api.recordStanding(customerId, 'blocked');
      changedOf(await api.hold(customerId));
      const release = changedOf(await api.release(customerId));

      // Assert
      expect(hold).toEqual([]);
      expect(release).toEqual([]);
      expect(await stored(order.id)).toMatchObject({ status: 'on_hold', version: 2 });
    });

    it('leaves an order held for another reason on hold at release', async () => {
      // Arrange: held by hand (another reason) through the pipeline's own command.
      const customerId = await api.activeCustomer();
      const order = await api.placed(customerId);
      await api.recordStanding(customerId, 'blocked');
      await api.hold(customerId, { body: { reason: 'fraud_review' } });
      await api.recordStanding(customerId, 'active');

      // Act
      const released = changedOf(await api.release(customerId));

      // Assert
      expect(released).toEqual([]);
      expect(orderOf(await api.cancel(order.id))).toMatchObject({ status: 'cancelled' });
    });
  });
});
