import type { Actor } from '@cqrs/framework-core';
import { testToken, uniqueName, waitUntil } from '@cqrs/framework-core/testing';
import type { EvpUnderTest } from '@cqrs/framework-event-publishing/testing';
import { evpUnderTest } from '@cqrs/framework-event-publishing/testing';
import type { CustomerCommand } from '@cqrs/customers-shared';
import {
  customerAggregate,
  customersCollection,
  eventCatalog,
  fromDocument,
  toDocument,
} from '@cqrs/customers-shared';
import { pipelineWriter } from '@cqrs/framework-command-handling/testing';
import type { Config } from './config';
import { start } from './app';
import { configSchema } from './config';

const riskOfficer: Actor = { sub: 'spec', roles: ['risk'] };

let evp: EvpUnderTest<Config>;

beforeEach(async () => {
  evp = await evpUnderTest({
    evp: { service: 'customers-evp', configSchema, start },
    main: 'apps/customers/evp/src/main.ts',
  });
});
afterEach(() => evp?.cleanUp());

/** Writes customer changes exactly as customers-cmdh does: through the command pipeline. */
function customerWriter() {
  const writer = pipelineWriter(evp.db, {
    collection: customersCollection,
    aggregate: customerAggregate,
    toDocument,
    fromDocument,
    aggregateIdOf: (command: CustomerCommand) => command.customerId,
  });
  return (command: CustomerCommand) => writer.write(command, riskOfficer);
}

/** Registers `customerId` (with an email of its own) under `name`. */
const registration = (customerId: string, name: string): CustomerCommand => ({
  type: 'RegisterCustomer',
  customerId,
  name,
  email: `${customerId}@example.com`,
});

describe('customers-evp', () => {
  it('publishes every change as a CloudEvent keyed by customer id, in per-customer order', async () => {
    const app = await evp.start();
    await evp.publisherStarted();
    const write = customerWriter();
    await write(registration('c1', 'Ann'));
    await write({ type: 'ApproveKyc', customerId: 'c1' });
    await write({ type: 'BlockCustomer', customerId: 'c1', reason: 'chargebacks' });

    const published = await evp.published();
    await waitUntil(() => published().length >= 3, 'three events arrived');

    expect(published()).toEqual([
      { key: 'c1', id: 'c1:1', type: 'customer.registered.v1', sequence: 1 },
      { key: 'c1', id: 'c1:2', type: 'customer.kyc_approved.v1', sequence: 2 },
      { key: 'c1', id: 'c1:3', type: 'customer.blocked.v1', sequence: 3 },
    ]);
    const catalog = (await (
      await fetch(`${app.url}/customers/events/types`, {
        headers: { authorization: `Bearer ${await testToken({ sub: 'ops' })}` },
      })
    ).json()) as { topic: string; items: { type: string; dataSchema: object }[] };
    expect(catalog.topic).toBe(evp.topic);
    expect(catalog.items.map((item) => item.type).sort()).toEqual(
      eventCatalog.map((e) => e.type).sort(),
    );
    expect(catalog.items.every((item) => 'properties' in item.dataSchema)).toBe(true);
  });

  it('killed with SIGKILL in the middle of 1,000 changes, publishes every one of them after a restart', async () => {
    const app = await evp.spawn();
    await evp.publisherStarted();
    const published = await evp.published();

    // 100 customers x 10 versions = 1,000 changes; kill the publisher once some are out.
    const write = customerWriter();
    const expected: string[] = [];
    let killed = false;
    for (let version = 1; version <= 10; version++) {
      for (let c = 0; c < 100; c++) {
        const customerId = `c${c}`;
        await write(
          version === 1
            ? registration(customerId, `n${c}-1`)
            : { type: 'UpdateContactDetails', customerId, name: `n${c}-${version}` },
        );
        expected.push(`${customerId}:${version}`);
      }
      if (!killed && published().length > 0) {
        await app.kill();
        killed = true;
      }
    }
    if (!killed) await app.kill();
    const ids = () => new Set(published().map((event) => event.id));
    const beforeRestart = ids().size;
    await app.restart();
    await waitUntil(() => ids().size >= 1000, 'every event arrived', 120_000);

    expect(beforeRestart).toBeLessThan(1000);
    expect(ids()).toEqual(new Set(expected));
    // Redelivery after the crash may repeat events, but never out of order within a customer.
    for (let c = 0; c < 100; c++) {
      const sequences = published()
        .filter((event) => event.key === `c${c}`)
        .map((event) => event.sequence);
      const firstSeen = sequences.filter((s, i) => sequences.indexOf(s) === i);
      expect(firstSeen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });

  it("publishes a snapshot on request: each customer's latest event again, marked with the snapshot", async () => {
    const app = await evp.start();
    await evp.publisherStarted();
    const write = customerWriter();
    await write(registration('s1', 'Sue'));
    await write({ type: 'ApproveKyc', customerId: 's1' });
    await write(registration('s2', 'Sam'));
    const published = await evp.published();
    await waitUntil(() => published().length >= 3, 'the changes are published');

    const snapshots = `${app.url}/customers/events/snapshots`;
    const as = async (roles: string[]) => ({
      authorization: `Bearer ${await testToken({ sub: 'ops', roles })}`,
      'content-type': 'application/json',
    });
    const refused = await fetch(snapshots, { method: 'POST', headers: await as([]), body: '{}' });
    expect(refused.status).toBe(403);
    const operator = await as(['operator']);
    const started = await fetch(snapshots, { method: 'POST', headers: operator, body: '{}' });
    expect(started.status).toBe(202);
    const job = (await started.json()) as { id: string; matched: number };
    expect(job.matched).toBe(2);
    expect(started.headers.get('location')).toBe(`/customers/events/snapshots/${job.id}`);
    const progress = async () =>
      (await (await fetch(`${snapshots}/${job.id}`, { headers: operator })).json()) as {
        status: string;
        published: number;
      };
    await waitUntil(
      async () => (await progress()).status === 'completed',
      'the snapshot completes',
    );
    expect(await progress()).toMatchObject({ status: 'completed', published: 2 });

    await waitUntil(() => published().length >= 5, 'the snapshot is on the topic');
    const again = published()
      .slice(3)
      .sort((a, b) => a.key.localeCompare(b.key));
    expect(again).toEqual([
      { key: 's1', id: 's1:2', type: 'customer.kyc_approved.v1', sequence: 2, snapshot: job.id },
      { key: 's2', id: 's2:1', type: 'customer.registered.v1', sequence: 1, snapshot: job.id },
    ]);
  });

  it('rewinds an idle consumer group to a point in time and refuses while the group is running', async () => {
    const app = await evp.start();
    const operator = `Bearer ${await testToken({ sub: 'ops', roles: ['operator'] })}`;
    const groupId = uniqueName('evp-spec-group');
    const replay = (from: string) =>
      fetch(`${app.url}/customers/events/replays`, {
        method: 'POST',
        headers: { authorization: operator, 'content-type': 'application/json' },
        body: JSON.stringify({ groupId, from }),
      });
    await evp.publisherStarted();
    const write = customerWriter();
    await write(registration('early', 'Early'));
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Kafka timestamps are in ms
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await write(registration('late', 'Late'));

    const seen: string[] = [];
    const consumer = await evp.consumer(groupId);
    await consumer.subscribe({ topic: evp.topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        seen.push(message.key!.toString());
        return Promise.resolve();
      },
    });
    await waitUntil(() => seen.length >= 2, 'the group read both events');
    const whileRunning = await replay(between);
    expect(whileRunning.status).toBe(409);
    expect(await whileRunning.json()).toMatchObject({ reason: 'group_active' });
    await consumer.disconnect();

    const rewound = await replay(between);
    expect(rewound.status).toBe(200);

    const again: string[] = [];
    const rejoined = await evp.consumer(groupId);
    await rejoined.subscribe({ topic: evp.topic });
    await rejoined.run({
      eachMessage: ({ message }) => {
        again.push(message.key!.toString());
        return Promise.resolve();
      },
    });
    await waitUntil(() => again.length >= 1, 'the rewound group re-read from the given time');
    expect(again).toEqual(['late']);
    await rejoined.disconnect();

    // A time before 1970 is valid ISO 8601 and means everything (it was a 500: Kafka refuses
    // negative timestamps other than its -1 and -2 markers).
    const fromTheStart = await replay('0020-02-29T00:00:00Z');
    expect(fromTheStart.status).toBe(200);
    const all: string[] = [];
    const third = await evp.consumer(groupId);
    await third.subscribe({ topic: evp.topic });
    await third.run({
      eachMessage: ({ message }) => {
        all.push(message.key!.toString());
        return Promise.resolve();
      },
    });
    await waitUntil(() => all.length >= 2, 'the group re-read everything');
    expect([...all].sort()).toEqual(['early', 'late']); // two keys: two partitions, any order
    const forbidden = await fetch(`${app.url}/customers/events/replays`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await testToken({ sub: 'eve' })}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ groupId, from: between }),
    });
    expect(forbidden.status).toBe(403);
  });
});
