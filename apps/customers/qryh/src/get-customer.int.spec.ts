import type { CustomerResource } from '@cqrs/customers-shared';
import type { QryhUnderTest } from './testing/qryh-under-test';
import { startQryh } from './testing/qryh-under-test';
import { approved, at, blocked, registered } from './testing/customer-seed';

describe('customers-qryh GET /customers/{id}', () => {
  let qryh: QryhUnderTest;

  beforeAll(async () => {
    qryh = await startQryh();
    await qryh.seed([registered('c-1', 'ada@example.com'), approved('c-1'), blocked('c-1')]);
  });
  afterAll(() => qryh.stop());

  it('returns the customer with its version as a strong ETag', async () => {
    const response = await qryh.get('/customers/c-1');

    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"3"');
    expect(await response.json()).toEqual<CustomerResource>({
      id: 'c-1',
      status: 'blocked',
      name: 'Customer c-1',
      email: 'ada@example.com',
      phone: '+441234567890',
      kyc: { status: 'approved', decidedAt: at(1), reason: null, reference: 'kyc-c-1' },
      blockedReason: 'chargebacks',
      openOrders: 0,
      version: 3,
      registeredAt: at(0),
      updatedAt: at(2),
    });
  });

  it('never returns the bookkeeping of the write model', async () => {
    const body = (await (await qryh.get('/customers/c-1')).json()) as Record<string, unknown>;

    expect(body).not.toHaveProperty('lastEvent');
    expect(body).not.toHaveProperty('processedCommands');
    expect(body).not.toHaveProperty('_id');
  });

  it('answers 304 with the ETag and no body when If-None-Match names the current version', async () => {
    const response = await qryh.get('/customers/c-1', { 'If-None-Match': 'W/"2", "3"' });

    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe('"3"');
    expect(await response.text()).toBe('');
  });

  it('answers 200 when If-None-Match names an older version', async () => {
    const response = await qryh.get('/customers/c-1', { 'If-None-Match': '"2"' });

    expect(response.status).toBe(200);
    expect(((await response.json()) as CustomerResource).version).toBe(3);
  });

  it('answers a 404 problem for an unknown customer', async () => {
    const response = await qryh.get('/customers/nobody');

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, reason: 'customer_not_found' });
  });

  it('answers 400 for an id that cannot name a customer', async () => {
    const response = await qryh.get('/customers/not%20an%20id');

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ path: 'params.id' }] });
  });

  it('answers 401 without a bearer token', async () => {
    const response = await fetch(`${qryh.url}/customers/c-1`);

    expect(response.status).toBe(401);
  });

  it('answers 401 for a token it did not sign', async () => {
    const response = await qryh.get('/customers/c-1', { Authorization: 'Bearer not.a.jwt' });

    expect(response.status).toBe(401);
  });

  it('is ready while MongoDB answers', async () => {
    const response = await fetch(`${qryh.url}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ready: true, checks: { mongo: true } });
  });
});
