import type { OrderHistoryPage, OrderResource } from '@cqrs/orders-shared';
import type { QryhUnderTest } from './testing/qryh-under-test';
import { startQryh } from './testing/qryh-under-test';
import { at, paid, placed, shipped } from './testing/order-seed';

describe('orders-qryh GET /orders/{id} and its history', () => {
  let qryh: QryhUnderTest;

  beforeAll(async () => {
    qryh = await startQryh();
    await qryh.seed([placed('o-1', 'c-1'), paid('o-1', 'c-1'), shipped('o-1', 'c-1')]);
  });
  afterAll(() => qryh?.stop());

  it('returns the order with its version as ETag, without the bookkeeping', async () => {
    // Act
    const response = await qryh.get('/orders/o-1');

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"3"');
    const body = (await response.json()) as OrderResource;
    expect(body).toEqual({
      id: 'o-1',
      customerId: 'c-1',
      status: 'shipped',
      lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 1250 }],
      currency: 'EUR',
      total: 2500,
      heldFrom: null,
      holdReason: null,
      cancelReason: null,
      payment: { reference: 'pay-o-1', failureReason: null },
      version: 3,
      placedAt: at(0),
      updatedAt: at(2),
    });
  });

  it('answers 304 with no body when If-None-Match names the current version', async () => {
    // Act
    const current = await qryh.get('/orders/o-1', { 'If-None-Match': '"3"' });
    const older = await qryh.get('/orders/o-1', { 'If-None-Match': '"2"' });

    // Assert
    expect(current.status).toBe(304);
    expect(current.headers.get('etag')).toBe('"3"');
    expect(await current.text()).toBe('');
    expect(older.status).toBe(200);
  });

  it('answers 404 order_not_found for an unknown order and its history', async () => {
    // Act
    const order = await qryh.get('/orders/o-missing');
    const history = await qryh.get('/orders/o-missing/history');

    // Assert
    expect(order.status).toBe(404);
    expect(await order.json()).toMatchObject({ reason: 'order_not_found' });
    expect(history.status).toBe(404);
  });

  it('answers 401 without a token', async () => {
    // Act
    const response = await qryh.get('/orders/o-1', { Authorization: '' });

    // Assert
    expect(response.status).toBe(401);
  });

  it('lists the versions oldest first, paged', async () => {
    // Act
    const first = (await (
      await qryh.get('/orders/o-1/history?limit=2')
    ).json()) as OrderHistoryPage;
    const cursor = encodeURIComponent(first.nextCursor ?? '');
    const second = (await (
      await qryh.get(`/orders/o-1/history?limit=2&cursor=${cursor}`)
    ).json()) as OrderHistoryPage;

    // Assert
    expect(first.items.map((entry) => [entry.version, entry.eventType])).toEqual([
      [1, 'order.placed.v1'],
      [2, 'order.paid.v1'],
    ]);
    expect(second.items.map((entry) => [entry.version, entry.state.status])).toEqual([
      [3, 'shipped'],
    ]);
    expect(second.nextCursor).toBeNull();
  });
});
