import type { CustomerPage } from '@cqrs/customers-shared';
import type { QryhUnderTest } from './testing/qryh-under-test';
import { startQryh } from './testing/qryh-under-test';
import { approved, blocked, registered } from './testing/customer-seed';

/** 25 customers, ids `c-00`..`c-24` seeded in a shuffled order: 10 active, 8 pending, 7 blocked. */
const ids = Array.from({ length: 25 }, (_, i) => `c-${String(i).padStart(2, '0')}`);
const statusOf = (i: number) => (i % 3 === 0 ? 'pending_kyc' : i % 3 === 1 ? 'active' : 'blocked');
const idsIn = (status: string) => ids.filter((_, i) => statusOf(i) === status);

describe('customers-qryh GET /customers', () => {
  let qryh: QryhUnderTest;

  const list = async (query: string) => {
    const response = await qryh.get(`/customers${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as CustomerPage;
  };

  /** Follows `nextCursor` from the first page to the last. */
  async function walk(query: string) {
    const pages: CustomerPage[] = [await list(query)];
    for (let cursor = pages[0]?.nextCursor; cursor; cursor = pages.at(-1)?.nextCursor) {
      pages.push(await list(`${query}&cursor=${encodeURIComponent(cursor)}`));
    }
    return { pages, ids: pages.flatMap((page) => page.items.map((item) => item.id)) };
  }

  beforeAll(async () => {
    qryh = await startQryh();
    const order = ids.map((_, i) => (i * 7) % ids.length); // not in id order
    for (const i of order) {
      const id = ids[i] ?? '';
      const events = [registered(id, `${id}@example.com`, i)];
      if (statusOf(i) !== 'pending_kyc') events.push(approved(id, i + 1));
      if (statusOf(i) === 'blocked') events.push(blocked(id, i + 2));
      await qryh.seed(events);
    }
  });
  afterAll(() => qryh.stop());

  describe('when filtered', () => {
    it('returns only customers in the given status, by id', async () => {
      const page = await list('?status=blocked');

      expect(page.items.map((c) => c.id)).toEqual(idsIn('blocked'));
      expect(page.items.every((c) => c.status === 'blocked')).toBe(true);
      expect(page.nextCursor).toBeNull();
    });

    it('finds a customer by email, whatever its case', async () => {
      const page = await list('?email=C-07@Example.COM');

      expect(page.items.map((c) => c.id)).toEqual(['c-07']);
      expect(page.items[0]).toMatchObject({ email: 'c-07@example.com', version: 2 });
    });

    it('applies every filter given', async () => {
      expect((await list('?status=active&email=c-07@example.com')).items).toHaveLength(1);
      expect((await list('?status=blocked&email=c-07@example.com')).items).toEqual([]);
    });

    it('returns the resources without bookkeeping', async () => {
      const [customer] = (await list('?email=c-05@example.com')).items;

      expect(customer).toBeDefined();
      expect(customer).not.toHaveProperty('processedCommands');
      expect(customer).not.toHaveProperty('lastEvent');
      expect(customer).not.toHaveProperty('_id');
    });
  });

  describe('when paged', () => {
    it('returns 20 customers by default, by id', async () => {
      const page = await list('');

      expect(page.items.map((c) => c.id)).toEqual(ids.slice(0, 20));
      expect(page.nextCursor).toEqual(expect.any(String));
    });

    it('walks every customer exactly once, with no gap, and ends with a null cursor', async () => {
      const { pages, ids: seen } = await walk('?limit=4');

      expect(seen).toEqual(ids);
      expect(pages.map((page) => page.items.length)).toEqual([4, 4, 4, 4, 4, 4, 1]);
      expect(pages.at(-1)?.nextCursor).toBeNull();
    });

    it('keeps the status filter on every page', async () => {
      const { pages, ids: seen } = await walk('?status=active&limit=3');

      expect(seen).toEqual(idsIn('active'));
      expect(pages).toHaveLength(3);
    });

    it('answers nextCursor null when the last page is exactly full', async () => {
      const page = await list(`?status=pending_kyc&limit=${idsIn('pending_kyc').length}`);

      expect(page.items).toHaveLength(idsIn('pending_kyc').length);
      expect(page.nextCursor).toBeNull();
    });
  });

  describe('when the query is invalid', () => {
    it('refuses a cursor it did not issue', async () => {
      const response = await qryh.get('/customers?cursor=bm9wZQ');

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ reason: 'invalid_cursor' });
    });

    it.each(['101', '0', 'ten'])('refuses limit=%s', async (limit) => {
      const response = await qryh.get(`/customers?limit=${limit}`);

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ path: 'query.limit' }] });
    });

    it('refuses an unknown parameter rather than ignoring a filter', async () => {
      const response = await qryh.get('/customers?name=Ada');

      expect(response.status).toBe(400);
    });

    it('refuses an unknown status', async () => {
      const response = await qryh.get('/customers?status=sleeping');

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ path: 'query.status' }] });
    });

    it('answers 401 without a bearer token', async () => {
      const response = await fetch(`${qryh.url}/customers`);

      expect(response.status).toBe(401);
    });
  });
});
