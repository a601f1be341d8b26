import type { OrderPage } from '@cqrs/orders-shared';
import type { QryhUnderTest } from './testing/qryh-under-test';
import { startQryh } from './testing/qryh-under-test';
import { paid, placed } from './testing/order-seed';

/** 12 orders `o-00`..`o-11`, seeded out of id order: even ones of c-a, odd of c-b; every third paid. */
const ids = Array.from({ length: 12 }, (_, i) => `o-${String(i).padStart(2, '0')}`);
const customerOf = (i: number) => (i % 2 === 0 ? 'c-a' : 'c-b');
const statusOf = (i: number) => (i % 3 === 0 ? 'paid' : 'placed');
const idsWhere = (keep: (i: number) => boolean) => ids.filter((_, i) => keep(i));

describe('orders-qryh GET /orders', () => {
  let qryh: QryhUnderTest;

  const list = async (query: string) => {
    const response = await qryh.get(`/orders${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as OrderPage;
  };

  /** Follows `nextCursor` from the first page to the last. */
  async function walk(query: string) {
    const pages: OrderPage[] = [await list(query)];
    for (let cursor = pages[0]?.nextCursor; cursor; cursor = pages.at(-1)?.nextCursor) {
      pages.push(await list(`${query}&cursor=${encodeURIComponent(cursor)}`));
    }
    return { pages, ids: pages.flatMap((page) => page.items.map((item) => item.id)) };
  }

  beforeAll(async () => {
    qryh = await startQryh();
    for (const i of ids.map((_, i) => (i * 5) % ids.length)) {
      const id = ids[i] ?? '';
      const events = [placed(id, customerOf(i), i)];
      if (statusOf(i) === 'paid') events.push(paid(id, customerOf(i), i + 1));
      await qryh.seed(events);
    }
  });
  afterAll(() => qryh?.stop());

  it("lists a customer's orders by id, in pages", async () => {
    // Act
    const { pages, ids: listed } = await walk('?customerId=c-a&limit=4');

    // Assert
    expect(listed).toEqual(idsWhere((i) => customerOf(i) === 'c-a'));
    expect(pages.map((page) => page.items.length)).toEqual([4, 2]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
  });

  it('lists by status, and by customer and status together', async () => {
    // Act
    const byStatus = await walk('?status=paid&limit=3');
    const both = await list('?customerId=c-b&status=placed');

    // Assert
    expect(byStatus.ids).toEqual(idsWhere((i) => statusOf(i) === 'paid'));
    expect(byStatus.pages.length).toBeGreaterThan(1);
    expect(both.items.map((order) => order.id)).toEqual(
      idsWhere((i) => customerOf(i) === 'c-b' && statusOf(i) === 'placed'),
    );
    expect(both.items.every((order) => order.status === 'placed')).toBe(true);
  });

  it('returns resources only, never the bookkeeping', async () => {
    // Act
    const page = await list('?limit=1');

    // Assert
    expect(Object.keys(page.items[0] ?? {})).not.toContain('lastEvent');
    expect(Object.keys(page.items[0] ?? {})).not.toContain('processedCommands');
    expect(page.items[0]).toMatchObject({ id: 'o-00', version: 2, total: 2500 });
  });

  it('refuses an unknown filter and a foreign cursor: 400', async () => {
    // Act
    const unknown = await qryh.get('/orders?colour=red');
    const foreign = await qryh.get('/orders?cursor=not-a-cursor');

    // Assert
    expect(unknown.status).toBe(400);
    expect(foreign.status).toBe(400);
  });
});
