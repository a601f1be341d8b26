import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import { customersEventsTopic } from '@cqrs/customers-shared';
import { startE2eSystem } from './system';

/**
 * The customers service end to end: through the gateway like a client, with an independent
 * Kafka consumer watching the public topic.
 */
let system: Awaited<ReturnType<typeof startE2eSystem>>;
let consumer: Consumer;
const published: { subject: string; type: string; sequence: string }[] = [];

beforeAll(async () => {
  system = await startE2eSystem();
  const kafka = new Kafka({
    clientId: 'customers-e2e',
    brokers: system.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  consumer = kafka.consumer({ groupId: `customers-e2e-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: customersEventsTopic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      published.push(JSON.parse(message.value!.toString()) as (typeof published)[number]);
      return Promise.resolve();
    },
  });
});
afterAll(async () => {
  await consumer?.disconnect();
  await system?.stop();
});

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('customers, end to end through the gateway', () => {
  it('register -> KYC approved -> block -> unblock -> close: state, events on Kafka, history', async () => {
    const alice = `Bearer ${await system.token('alice')}`;
    const risk = `Bearer ${await system.token('rita', ['risk'])}`;
    const service = `Bearer ${await system.token('kyc-provider-adapter', ['service'])}`;
    const call = (
      method: string,
      path: string,
      auth: string,
      body?: unknown,
      base = system.gatewayUrl,
    ) =>
      fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: auth,
          'idempotency-key': randomUUID(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    const registered = await call('POST', '/customers', alice, {
      name: 'Ada Lovelace',
      email: `ada-${randomUUID()}@example.com`,
    });
    expect(registered.status).toBe(201);
    const { id } = (await registered.json()) as { id: string };

    // KYC decisions are internal commands: the gateway does not expose them.
    expect((await call('POST', `/internal/customers/${id}/kyc/approve`, service, {})).status).toBe(
      404,
    );
    const cmdh = system.apps.find((app) => app.name === 'customers-cmdh')!;
    expect(
      (await call('POST', `/internal/customers/${id}/kyc/approve`, service, {}, cmdh.url)).status,
    ).toBe(200);

    expect((await call('POST', `/customers/${id}/block`, alice, { reason: 'fraud' })).status).toBe(
      403,
    );
    expect(
      (await call('POST', `/customers/${id}/block`, risk, { reason: 'chargebacks' })).status,
    ).toBe(200);
    expect((await call('POST', `/customers/${id}/unblock`, risk)).status).toBe(200);
    const closed = await call('POST', `/customers/${id}/close`, alice);
    expect(closed.status).toBe(200);
    expect(closed.headers.get('etag')).toBe('"5"');

    const current = await fetch(`${system.gatewayUrl}/customers/${id}`, {
      headers: { authorization: alice },
    });
    expect(current.status).toBe(200);
    expect(await current.json()).toMatchObject({ id, status: 'closed', version: 5 });

    const types = await eventually(() => {
      const mine = published.filter((event) => event.subject === id);
      return Promise.resolve(mine.length >= 5 ? mine.map((event) => event.type) : undefined);
    }, 'five events on the topic');
    expect(types).toEqual([
      'customer.registered.v1',
      'customer.kyc_approved.v1',
      'customer.blocked.v1',
      'customer.unblocked.v1',
      'customer.closed.v1',
    ]);

    const history = await eventually(async () => {
      const response = await fetch(`${system.gatewayUrl}/customers/${id}/history`, {
        headers: { authorization: alice },
      });
      const page = (await response.json()) as { items: { version: number; eventType: string }[] };
      return response.status === 200 && page.items.length >= 5 ? page.items : undefined;
    }, 'five history entries');
    expect(history.map((entry) => [entry.version, entry.eventType])).toEqual([
      [1, 'customer.registered.v1'],
      [2, 'customer.kyc_approved.v1'],
      [3, 'customer.blocked.v1'],
      [4, 'customer.unblocked.v1'],
      [5, 'customer.closed.v1'],
    ]);
    expect(history[2]).toMatchObject({ actor: { sub: 'rita' } });
    expect((history[2] as unknown as { patch: unknown[] }).patch).toContainEqual({
      op: 'replace',
      path: '/status',
      value: 'blocked',
    });
  });
});
