import { randomUUID } from 'node:crypto';
import { outcomeOf } from '@cqrs/framework-core/testing';
import {
  cmdhForFile,
  newCustomerId,
  orderOf,
  sampleLines,
  sampleTotal,
} from './testing/cmdh-under-test';

const { cmdh, api } = cmdhForFile();

describe('orders-cmdh commands', () => {
  describe('POST /orders', () => {
    it('refuses a customer orders never heard of: 422 customer_unknown, nothing stored', async () => {
      // Act
      const reply = await api.place(newCustomerId());

      // Assert
      expect(outcomeOf(reply)).toEqual({ status: 422, reason: 'customer_unknown' });
      expect(await cmdh.orders.countDocuments()).toBe(0);
    });

    it.each(['pending_kyc', 'blocked', 'closed'] as const)(
      'refuses a customer whose standing is %s: 422 customer_not_active',
      async (standing) => {
        // Arrange
        const customerId = newCustomerId();
        expect((await api.recordStanding(customerId, standing)).status).toBe(200);

        // Act
        const reply = await api.place(customerId);

        // Assert
        expect(outcomeOf(reply)).toEqual({ status: 422, reason: 'customer_not_active' });
        expect(await cmdh.orders.countDocuments({ customerId })).toBe(0);
      },
    );

    it('places an order once the standing is active: 201, Location, ETag "1", total computed', async () => {
      // Arrange
      const customerId = newCustomerId();
      await api.recordStanding(customerId, 'pending_kyc');
      await api.recordStanding(customerId, 'active');

      // Act
      const reply = await api.place(customerId, { currency: 'eur' });

      // Assert
      const order = orderOf(reply);
      expect(reply.status).toBe(201);
      expect(reply.headers.get('location')).toBe(`/orders/${order.id}`);
      expect(reply.headers.get('etag')).toBe('"1"');
      expect(reply.headers.get('idempotent-replayed')).toBeNull();
      expect(order).toMatchObject({
        customerId,
        status: 'placed',
        lines: sampleLines,
        currency: 'EUR',
        total: sampleTotal,
        heldFrom: null,
        holdReason: null,
        version: 1,
      });
      expect(await cmdh.orders.findOne({ _id: order.id })).toMatchObject({
        status: 'placed',
        total: sampleTotal,
        version: 1,
        lastEvent: { type: 'order.placed.v1', version: 1 },
      });
    });

    it('refuses a total in the body: 400', async () => {
      // Arrange
      const customerId = await api.activeCustomer();

      // Act
      const reply = await api.place(customerId, { total: 1 });

      // Assert
      expect(reply.status).toBe(400);
    });

    it('answers a retry with the same key with the first answer and places one order', async () => {
      // Arrange
      const customerId = await api.activeCustomer();
      const key = randomUUID();
      const first = await api.place(customerId, {}, { key });

      // Act
      const retry = await api.place(customerId, {}, { key });

      // Assert
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('location')).toBe(first.headers.get('location'));
      expect(await cmdh.orders.countDocuments({ customerId })).toBe(1);
    });

    it('refuses the same key for another request: 422 idempotency_key_reused', async () => {
      // Arrange
      const customerId = await api.activeCustomer();
      const key = randomUUID();
      await api.place(customerId, {}, { key });

      // Act
      const reply = await api.place(customerId, { currency: 'USD' }, { key });

      // Assert
      expect(outcomeOf(reply)).toEqual({ status: 422, reason: 'idempotency_key_reused' });
    });
  });

  describe('POST /orders/{id}/cancel', () => {
    it('cancels a placed order with the reason given', async () => {
      // Arrange
      const order = await api.placed(await api.activeCustomer());

      // Act
      const reply = await api.cancel(order.id, { ifMatch: '"1"' });

      // Assert
      expect(reply.status).toBe(200);
      expect(reply.headers.get('etag')).toBe('"2"');
      expect(orderOf(reply)).toMatchObject({
        status: 'cancelled',
        cancelReason: 'changed my mind',
        version: 2,
      });
    });

    it('answers 412 stale_version for an old If-Match and 404 for an unknown order', async () => {
      // Arrange
      const order = await api.placed(await api.activeCustomer());
      await api.paymentSucceeded(order.id);

      // Act
      const stale = await api.cancel(order.id, { ifMatch: '"1"' });
      const missing = await api.cancel(randomUUID());

      // Assert
      expect(outcomeOf(stale)).toEqual({ status: 412, reason: 'stale_version' });
      expect(outcomeOf(missing)).toEqual({ status: 404, reason: 'order_not_found' });
    });

    it('refuses to cancel a paid order: 422 already_paid', async () => {
      // Arrange
      const order = await api.paid(await api.activeCustomer());

      // Act
      const reply = await api.cancel(order.id);

      // Assert
      expect(outcomeOf(reply)).toEqual({ status: 422, reason: 'already_paid' });
    });
  });

  describe('payment and shipping', () => {
    it('ships an order once the payment succeeded (internal route)', async () => {
      // Arrange
      const order = await api.placed(await api.activeCustomer());
      const unpaid = await api.ship(order.id);

      // Act
      const paid = await api.paymentSucceeded(order.id);
      const shipped = await api.ship(order.id, { ifMatch: '"2"' });

      // Assert
      expect(outcomeOf(unpaid)).toEqual({ status: 422, reason: 'not_paid' });
      expect(orderOf(paid)).toMatchObject({
        status: 'paid',
        payment: { reference: 'pay-ref-1' },
        version: 2,
      });
      expect(shipped.headers.get('etag')).toBe('"3"');
      expect(orderOf(shipped)).toMatchObject({ status: 'shipped', version: 3 });
    });

    it('closes an order whose payment failed', async () => {
      // Arrange
      const order = await api.placed(await api.activeCustomer());

      // Act
      const reply = await api.paymentFailed(order.id);

      // Assert
      expect(orderOf(reply)).toMatchObject({
        status: 'payment_failed',
        payment: { failureReason: 'card declined' },
      });
    });
  });

  describe('internal routes', () => {
    it.each([
      ['payment-succeeded', (id: string) => api.paymentSucceeded(id, { as: 'shopper' })],
      ['payment-failed', (id: string) => api.paymentFailed(id, { as: 'clerk' })],
      ['hold', (_id: string, customerId: string) => api.hold(customerId, { as: 'shopper' })],
      ['release', (_id: string, customerId: string) => api.release(customerId, { as: 'clerk' })],
      [
        'customer-standings',
        (_id: string, customerId: string) =>
          api.recordStanding(customerId, 'blocked', 99, { as: 'shopper' }),
      ],
    ])('answers 403 on %s to a caller without the service role', async (_route, call) => {
      // Arrange
      const customerId = await api.activeCustomer();
      const order = await api.placed(customerId);

      // Act
      const reply = await call(order.id, customerId);

      // Assert
      expect(reply.status).toBe(403);
      expect(await cmdh.orders.findOne({ _id: order.id })).toMatchObject({
        status: 'placed',
        version: 1,
      });
      expect(await cmdh.standings.findOne({ _id: customerId })).toMatchObject({
        standing: 'active',
      });
    });
  });
});
