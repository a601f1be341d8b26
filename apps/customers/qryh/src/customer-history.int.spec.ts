import type { CustomerHistoryPage } from '@cqrs/customers-shared';
import type { QryhUnderTest } from './testing/qryh-under-test';
import { startQryh } from './testing/qryh-under-test';
import { approved, at, blocked, registered, seedActor } from './testing/customer-seed';

describe('customers-qryh GET /customers/{id}/history', () => {
  let qryh: QryhUnderTest;

  const history = async (id: string, query = '') => {
    const response = await qryh.get(`/customers/${id}/history${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as CustomerHistoryPage;
  };

  beforeAll(async () => {
    qryh = await startQryh();
    await qryh.seed([registered('c-1', 'ada@example.com'), approved('c-1'), blocked('c-1')]);
    await qryh.seed([registered('c-2', 'bob@example.com', 5), approved('c-2', 6)]);
  });
  afterAll(() => qryh.stop());

  it('returns every version of the customer, oldest first, with who changed what', async () => {
    const page = await history('c-1');

    expect(page.nextCursor).toBeNull();
    expect(page.items.map((entry) => [entry.version, entry.eventType])).toEqual([
      [1, 'customer.registered.v1'],
      [2, 'customer.kyc_approved.v1'],
      [3, 'customer.blocked.v1'],
    ]);
    expect(page.items[2]).toEqual({
      version: 3,
      eventId: 'c-1:3',
      eventType: 'customer.blocked.v1',
      time: at(2),
      actor: seedActor,
      commandId: 'cmd-c-1-3',
      correlationId: 'corr-c-1-3',
      causationId: 'cause-c-1-3',
      patch: expect.arrayContaining([
        { op: 'replace', path: '/status', value: 'blocked' },
        { op: 'replace', path: '/blockedReason', value: 'chargebacks' },
        { op: 'replace', path: '/updatedAt', value: at(2) },
      ]) as unknown,
      state: expect.objectContaining({ id: 'c-1', status: 'blocked', updatedAt: at(2) }) as unknown,
    });
    expect(page.items[2]?.patch).toHaveLength(3);
  });

  it('returns the full state as the first patch and a null causation id when there was none', async () => {
    const [first] = (await history('c-1')).items;

    expect(first?.causationId).toBeNull();
    expect(first?.patch).toEqual(
      expect.arrayContaining([{ op: 'add', path: '/email', value: 'ada@example.com' }]),
    );
  });

  it('returns only the versions of the customer asked for', async () => {
    const page = await history('c-2');

    expect(page.items.map((entry) => entry.eventId)).toEqual(['c-2:1', 'c-2:2']);
  });

  it('pages the versions in order, without duplicates or gaps', async () => {
    const first = await history('c-1', '?limit=2');
    const second = await history('c-1', `?limit=2&cursor=${first.nextCursor ?? ''}`);

    expect(first.items.map((entry) => entry.version)).toEqual([1, 2]);
    expect(second.items.map((entry) => entry.version)).toEqual([3]);
    expect(second.nextCursor).toBeNull();
  });

  it('answers a 404 problem for an unknown customer', async () => {
    const response = await qryh.get('/customers/nobody/history');

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, reason: 'customer_not_found' });
  });

  it('refuses a cursor it did not issue', async () => {
    const response = await qryh.get('/customers/c-1/history?cursor=bm9wZQ');

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: 'invalid_cursor' });
  });

  it('refuses a limit above the maximum and unknown parameters', async () => {
    expect((await qryh.get('/customers/c-1/history?limit=101')).status).toBe(400);
    expect((await qryh.get('/customers/c-1/history?since=2')).status).toBe(400);
  });

  it('answers 401 without a bearer token', async () => {
    const response = await fetch(`${qryh.url}/customers/c-1/history`);

    expect(response.status).toBe(401);
  });
});
