import { randomUUID } from 'node:crypto';
import type { Reply } from '@cqrs/framework-core/testing';
import { outcomeOf } from '@cqrs/framework-core/testing';
import { expectUnchanged } from '@cqrs/framework-mongo/testing';
import { actors, cmdhForFile, customerOf } from './testing/cmdh-under-test';

const { cmdh, api } = cmdhForFile();

const stored = (id: string) => cmdh.customers.findOne({ _id: id });

describe('customers-cmdh state machine over HTTP', () => {
  it('walks a customer through KYC, block, unblock, an order and close, one event per step', async () => {
    // Arrange
    const id = await api.registered();
    const orderId = `order-${randomUUID().slice(0, 8)}`;
    const steps: [string, () => Promise<Reply>, Record<string, unknown>, string][] = [
      [
        'approve KYC',
        () => api.approveKyc(id, { body: { reference: 'kyc-77' } }),
        { status: 'active', kyc: { status: 'approved', reference: 'kyc-77' } },
        'customer.kyc_approved.v1',
      ],
      [
        'block (risk)',
        () => api.block(id, { body: { reason: 'chargebacks' } }),
        { status: 'blocked', blockedReason: 'chargebacks' },
        'customer.blocked.v1',
      ],
      [
        'unblock (risk)',
        () => api.unblock(id),
        { status: 'active', blockedReason: null },
        'customer.unblocked.v1',
      ],
      [
        'order opened',
        () => api.orderOpened(id, orderId),
        { status: 'active', openOrders: 1 },
        'customer.order_opened.v1',
      ],
      [
        'order closed',
        () => api.orderClosed(id, orderId),
        { status: 'active', openOrders: 0 },
        'customer.order_closed.v1',
      ],
      ['close', () => api.close(id), { status: 'closed' }, 'customer.closed.v1'],
    ];

    for (const [index, [what, act, expected, eventType]] of steps.entries()) {
      const version = index + 2;

      // Act
      const reply = await act();

      // Assert
      expect({ what, status: reply.status, etag: reply.headers.get('etag') }).toEqual({
        what,
        status: 200,
        etag: `"${version}"`,
      });
      expect(customerOf(reply)).toMatchObject({ ...expected, version });
      expect(await stored(id)).toMatchObject({
        version,
        lastEvent: { type: eventType, version, id: `${id}:${version}` },
      });
    }
  });

  it('records who approved KYC through the internal route', async () => {
    // Arrange
    const id = await api.registered();

    // Act
    customerOf(await api.approveKyc(id));

    // Assert
    expect(await stored(id)).toMatchObject({
      status: 'active',
      kyc: { status: 'approved', reference: 'kyc-ref-1', decidedAt: expect.any(Date) as unknown },
      lastEvent: { actor: { sub: actors.service.sub, roles: ['service'] } },
    });
  });

  it('refuses a block by a user without the risk role (403 risk_role_required) and writes nothing', async () => {
    // Arrange
    const id = await api.customerIn('active');
    const before = await stored(id);

    // Act
    const reply = await api.block(id, { as: 'clerk' });

    // Assert
    expect(outcomeOf(reply)).toEqual({ status: 403, reason: 'risk_role_required' });
    await expectUnchanged(cmdh.customers, before);
  });

  it('refuses to close while an order is open (422 open_orders), then closes once it is closed', async () => {
    // Arrange
    const id = await api.customerIn('active');
    customerOf(await api.orderOpened(id, 'o-1'));
    const before = await stored(id);

    // Act
    const refused = await api.close(id);
    const afterRefusal = await stored(id);
    customerOf(await api.orderClosed(id, 'o-1'));
    const closed = await api.close(id);

    // Assert
    expect(outcomeOf(refused)).toEqual({ status: 422, reason: 'open_orders' });
    expect(afterRefusal).toEqual(before);
    expect(closed.status).toBe(200);
    expect(customerOf(closed)).toMatchObject({ status: 'closed', openOrders: 0, version: 5 });
  });

  type Status = 'pending_kyc' | 'active' | 'rejected' | 'blocked' | 'closed';
  type Act = (id: string) => Promise<Reply>;
  const refusals: [Status, string, Act, number, string][] = [
    ['pending_kyc', 'block', (id) => api.block(id), 422, 'not_active'],
    ['pending_kyc', 'unblock', (id) => api.unblock(id), 422, 'not_blocked'],
    ['pending_kyc', 'close', (id) => api.close(id), 422, 'not_active'],
    ['active', 'approve KYC', (id) => api.approveKyc(id), 422, 'not_pending_kyc'],
    ['active', 'reject KYC', (id) => api.rejectKyc(id), 422, 'not_pending_kyc'],
    ['active', 'unblock', (id) => api.unblock(id), 422, 'not_blocked'],
    [
      'active',
      'unblock by a clerk',
      (id) => api.unblock(id, { as: 'clerk' }),
      403,
      'risk_role_required',
    ],
    ['rejected', 'approve KYC', (id) => api.approveKyc(id), 422, 'not_pending_kyc'],
    ['rejected', 'block', (id) => api.block(id), 422, 'not_active'],
    ['rejected', 'close', (id) => api.close(id), 422, 'not_active'],
    [
      'rejected',
      'update contact details',
      (id) => api.patch(id, { name: 'New' }),
      422,
      'kyc_rejected',
    ],
    ['blocked', 'block', (id) => api.block(id), 422, 'already_blocked'],
    ['blocked', 'approve KYC', (id) => api.approveKyc(id), 422, 'not_pending_kyc'],
    [
      'blocked',
      'unblock by a clerk',
      (id) => api.unblock(id, { as: 'clerk' }),
      403,
      'risk_role_required',
    ],
    ['closed', 'block', (id) => api.block(id), 422, 'already_closed'],
    ['closed', 'unblock', (id) => api.unblock(id), 422, 'already_closed'],
    ['closed', 'close', (id) => api.close(id), 422, 'already_closed'],
    [
      'closed',
      'update contact details',
      (id) => api.patch(id, { name: 'New' }),
      422,
      'already_closed',
    ],
    ['closed', 'approve KYC', (id) => api.approveKyc(id), 422, 'not_pending_kyc'],
  ];

  it.each(refusals)(
    'refuses, when %s, to %s (%i %s) and writes nothing',
    async (status, _what, act, httpStatus, reason) => {
      // Arrange
      const id = await api.customerIn(status);
      const before = await stored(id);

      // Act
      const reply = await act(id);

      // Assert
      expect(before?.status).toBe(status);
      expect(outcomeOf(reply)).toEqual({ status: httpStatus, reason });
      await expectUnchanged(cmdh.customers, before);
    },
  );

  it.each([
    ['opened twice', 'o-1', 'opened', 'order_already_open'],
    ['closed without being open', 'o-9', 'closed', 'order_not_open'],
  ] as const)(
    'refuses an order %s (422) and writes nothing',
    async (_what, orderId, fact, reason) => {
      // Arrange
      const id = await api.customerIn('active');
      customerOf(await api.orderOpened(id, 'o-1'));
      const before = await stored(id);

      // Act
      const reply =
        fact === 'opened' ? await api.orderOpened(id, orderId) : await api.orderClosed(id, orderId);

      // Assert
      expect(outcomeOf(reply)).toEqual({ status: 422, reason });
      await expectUnchanged(cmdh.customers, before);
    },
  );

  it('answers 404 customer_not_found on the internal routes for an unknown id', async () => {
    // Arrange
    const id = randomUUID();

    // Act
    const replies = await Promise.all([
      api.approveKyc(id),
      api.orderOpened(id, 'o-1'),
      api.block(id),
    ]);

    // Assert
    expect(replies.map(outcomeOf)).toEqual([
      { status: 404, reason: 'customer_not_found' },
      { status: 404, reason: 'customer_not_found' },
      { status: 404, reason: 'customer_not_found' },
    ]);
    expect(await stored(id)).toBeNull();
  });
});
