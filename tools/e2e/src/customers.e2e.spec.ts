import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import { eventually, startedForFile } from '@cqrs/framework-core/testing';
import type { Received } from '@cqrs/framework-kafka/testing';
import { collect } from '@cqrs/framework-kafka/testing';
import { customersEventsTopic } from '@cqrs/customers-shared';
import { startE2eSystem } from './system';

/**
 * The customers service end to end: through the gateway like a client, with an independent
 * Kafka consumer watching the public topic.
 */
const system = startedForFile(startE2eSystem);
let consumer: Consumer | undefined;
let received: Received[] = [];

beforeAll(async () => {
  const kafka = new Kafka({
    clientId: 'customers-e2e',
    brokers: system.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  ({ consumer, received } = await collect(kafka, customersEventsTopic));
});
afterAll(() => consumer?.disconnect());

/** The events published about `subject` so far. */
const publishedAbout = (subject: string) =>
  received
    .map((message) => JSON.parse(message.value) as { subject: string; type: string })
    .filter((event) => event.subject === subject);

describe('customers, end to end through the gateway', () => {
  it('register -> KYC approved -> block -> unblock -> close: state, events on Kafka, history', async () => {
    const alice = `Bearer ${await system.token('alice')}`;
    const risk = `Bearer ${await system.token('rita', ['risk'])}`;
    const service = `Bearer ${await system.token('kyc-provider-adapter', ['service'])}`;
    const { call } = system;

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
    const cmdh = system.appUrl('customers-cmdh');
    expect(
      (await call('POST', `/internal/customers/${id}/kyc/approve`, service, {}, cmdh)).status,
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

    expect(await system.read(`/customers/${id}`, alice)).toMatchObject({
      id,
      status: 'closed',
      version: 5,
    });

    const types = await eventually(() => {
      const mine = publishedAbout(id);
      return mine.length >= 5 ? mine.map((event) => event.type) : undefined;
    }, 'five events on the topic');
    expect(types).toEqual([
      'customer.registered.v1',
      'customer.kyc_approved.v1',
      'customer.blocked.v1',
      'customer.unblocked.v1',
      'customer.closed.v1',
    ]);

    const history = await eventually(async () => {
      type Page = { items: { version: number; eventType: string }[] };
      const page = await system.read<Page>(`/customers/${id}/history`, alice);
      return page && page.items.length >= 5 ? page.items : undefined;
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
