import { randomBytes, randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Db } from 'mongodb';
import { createAuditTrail } from '@cqrs/framework-change-handling';
import { callOf, createCommandClient } from '@cqrs/framework-command-client';
import type { StoredEvent } from '@cqrs/framework-command-handling';
import { createLogger, createMetrics, startTracing, stopTracing } from '@cqrs/framework-core';
import type { SpawnedApp } from '@cqrs/framework-core/testing';
import {
  eventually,
  freePort,
  spawnApp,
  testAppEnv,
  testCaller,
  testToken,
  uniqueName,
} from '@cqrs/framework-core/testing';
import type { EventHandler } from '@cqrs/framework-event-handling';
import {
  createEventHandler,
  createParkedEventStore,
  eventRoute,
} from '@cqrs/framework-event-handling';
import { toCloudEvent } from '@cqrs/framework-event-publishing';
import type { CloudEvent, EventProducer } from '@cqrs/framework-kafka';
import { createEventProducer, ensureTopics, parseSequence } from '@cqrs/framework-kafka';
import type { Received } from '@cqrs/framework-kafka/testing';
import { collect, testKafka } from '@cqrs/framework-kafka/testing';
import type { TestDatabase } from '@cqrs/framework-mongo/testing';
import { appOnTestDatabase, testDatabase } from '@cqrs/framework-mongo/testing';
import type { WebhookReceiver } from '@cqrs/framework-webhook-delivery/testing';
import {
  fastDeliveryEnv,
  startWebhookReceiver,
  thingsExtevp,
} from '@cqrs/framework-webhook-delivery/testing';
import { customersCollection } from '@cqrs/customers-shared';
import {
  consumedCustomerEventDataSchemas,
  customerStandingsCollection,
  recordCustomerStandingRoute,
  standingAfter,
} from '@cqrs/orders-shared';

/**
 * One business flow, hop by hop, with the W3C trace context checked at each: a client's request
 * with a `traceparent` -> customers-cmdh (a process of its own, tracing on) stores it with the
 * write's `lastEvent` -> evp's producer span and the CloudEvent's tracing extension on Kafka ->
 * evh's consumer span, its child -> the command's HTTP call -> orders-cmdh (a process) stores
 * the same trace with its write. Beside the flow: the webhook delivery of the same event carries
 * a `traceparent` and links to the command, and so does chgh's audit span. The spans of this
 * process (evp, evh, extevp, chgh pipelines) go to an in-memory exporter.
 */
const exporter = new InMemorySpanExporter();
const logger = createLogger({ name: 'trace-propagation-test', level: 'silent' });
const kafka = testKafka('trace-propagation');

/** A spawned app exports its spans to its stdout, which `spawnApp` drops: tracing on, no I/O. */
const tracedAppEnv = { OTEL_TRACES_EXPORTER: 'console' };

const traceIdOf = (traceparent: string | undefined) => traceparent?.split('-')[1];
const spanIdOf = (traceparent: string | undefined) => traceparent?.split('-')[2];
const traceparentPattern = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;

const stoppers: (() => Promise<unknown>)[] = [];
let customersDb: TestDatabase;
let ordersDb: TestDatabase;
let customersCmdh: SpawnedApp;
let ordersCmdh: SpawnedApp;
let topic: string;
let producer: EventProducer;
let published: Received[];

async function spawned(
  main: string,
  service: string,
  env: Record<string, string>,
): Promise<SpawnedApp> {
  const port = String(await freePort());
  const app = spawnApp(main, testAppEnv(service, { PORT: port, ...tracedAppEnv, ...env }));
  stoppers.push(() => app.stop());
  await app.ready();
  return app;
}

const spansNamed = (name: string): ReadableSpan[] =>
  exporter.getFinishedSpans().filter((span) => span.name === name);

beforeAll(async () => {
  if (!startTracing({}, { spanProcessors: [new SimpleSpanProcessor(exporter)] })) {
    throw new Error('tracing did not start');
  }
  customersDb = await testDatabase('customers-trace');
  ordersDb = await testDatabase('orders-trace');
  stoppers.push(
    () => customersDb.drop(),
    () => ordersDb.drop(),
  );
  const serviceToken = await testToken({ sub: 'orders-evh', roles: ['service'] });
  [customersCmdh, ordersCmdh] = await Promise.all([
    spawned('apps/customers/cmdh/src/main.ts', 'customers-cmdh', { MONGO_DB: customersDb.name }),
    spawned('apps/orders/cmdh/src/main.ts', 'orders-cmdh', {
      MONGO_DB: ordersDb.name,
      SERVICE_TOKEN: serviceToken,
    }),
  ]);
  topic = uniqueName('customers-events-traced');
  await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
  producer = createEventProducer({ kafka, logger });
  stoppers.push(() => producer.disconnect());
  const collected = await collect(kafka, topic);
  published = collected.received;
  stoppers.push(() => collected.consumer.disconnect());
}, 180_000);

afterAll(async () => {
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
  await stopTracing();
});

/** The customer as customers-cmdh stored it. */
const storedCustomer = (db: Db, id: string) =>
  db.collection<{ _id: string; lastEvent: StoredEvent }>(customersCollection).findOne({ _id: id });

describe('one trace per business flow', () => {
  const clientTraceId = randomBytes(16).toString('hex');
  const clientSpanId = randomBytes(8).toString('hex');
  let customerId: string;
  let lastEvent: StoredEvent;
  let event: CloudEvent;

  it('HTTP -> lastEvent: cmdh continues the caller trace and stores its span context with the write', async () => {
    const alice = testCaller(customersCmdh.url, { alice: { sub: 'alice', roles: [] } }, 'alice');

    const reply = await alice('POST', '/customers', {
      body: { name: 'Ada Lovelace', email: `ada-${randomUUID()}@example.com` },
      headers: { traceparent: `00-${clientTraceId}-${clientSpanId}-01` },
    });

    expect(reply.status).toBe(201);
    customerId = (reply.body as { id: string }).id;
    const stored = await storedCustomer(customersDb.db, customerId);
    lastEvent = stored!.lastEvent;
    expect(lastEvent.traceparent).toMatch(traceparentPattern);
    expect(traceIdOf(lastEvent.traceparent)).toBe(clientTraceId);
    // cmdh's own span (a child of the caller's), not the caller's span passed through.
    expect(spanIdOf(lastEvent.traceparent)).not.toBe(clientSpanId);
  });

  it('lastEvent -> CloudEvent: evp publishes in a producer span, child of the command, whose context the event carries', async () => {
    await producer.publish(topic, [toCloudEvent(lastEvent, '/customers')]);

    const message = await eventually(
      () => published.find((m) => m.key === customerId),
      'the event on the topic',
    );
    event = JSON.parse(message.value) as CloudEvent;
    const [send] = spansNamed(`send ${topic}`);
    expect(send).toBeDefined();
    expect(send!.kind).toBe(SpanKind.PRODUCER);
    expect(send!.spanContext().traceId).toBe(clientTraceId);
    expect(send!.parentSpanContext?.spanId).toBe(spanIdOf(lastEvent.traceparent));
    expect(send!.attributes).toMatchObject({
      'messaging.destination.name': topic,
      'cloudevents.event_id': lastEvent.id,
      'cloudevents.event_type': 'customer.registered.v1',
    });
    expect(event.traceparent).toBe(`00-${clientTraceId}-${send!.spanContext().spanId}-01`);
    expect(message.headers.traceparent).toBe(event.traceparent);
  });

  it('CloudEvent -> evh: a consumer span, child of the producer span, sends the command with the trace to the other cmdh', async () => {
    const routes = {
      'customer.registered.v1': eventRoute({
        data: consumedCustomerEventDataSchemas['customer.registered.v1'],
        toCommands: (cloudEvent, data) => [
          {
            ...callOf(recordCustomerStandingRoute, {
              params: { customerId: data.customerId },
              body: {
                standing: standingAfter('customer.registered.v1'),
                customerVersion: parseSequence(cloudEvent.sequence),
              },
            }),
            key: 'standing',
          },
        ],
      }),
    };
    const serviceToken = await testToken({ sub: 'orders-evh', roles: ['service'] });
    const client = createCommandClient({
      baseUrl: ordersCmdh.url,
      token: () => serviceToken,
      logger,
    });
    const handler: EventHandler = createEventHandler({
      kafka,
      groupId: uniqueName('orders-evh-traced'),
      topic,
      routes,
      client,
      parked: createParkedEventStore(ordersDb.db),
      logger,
      metrics: createMetrics('orders-evh-traced'),
    });
    stoppers.push(async () => {
      await handler.stop();
      client.close();
    });
    await handler.start();

    const standing = await eventually(
      async () =>
        (await ordersDb.db
          .collection<{ _id: string; lastEvent: StoredEvent }>(customerStandingsCollection)
          .findOne({ _id: customerId })) ?? undefined,
      'the standing orders-cmdh wrote',
    );
    const process = await eventually(() => spansNamed(`process ${topic}`)[0], 'the evh span');
    expect(process.kind).toBe(SpanKind.CONSUMER);
    expect(process.spanContext().traceId).toBe(clientTraceId);
    expect(process.parentSpanContext?.spanId).toBe(spanIdOf(event.traceparent));
    expect(process.attributes).toMatchObject({
      'cloudevents.event_id': event.id,
      'evh.verdict': 'handled',
    });
    // The command's HTTP call carried the consumer span's context (the command client injects
    // it; in a process of its own the http instrumentation adds a client span in between, but
    // Jest's module registry bypasses the loader hooks it patches with): orders-cmdh continued
    // the trace in a span of its own and stored that span's context with its write.
    expect(traceIdOf(standing.lastEvent.traceparent)).toBe(clientTraceId);
    expect(spanIdOf(standing.lastEvent.traceparent)).not.toBe(process.spanContext().spanId);
  });

  it('chgh: the audit span links to the command that wrote each version', async () => {
    const trail = createAuditTrail({
      db: customersDb.db,
      collection: uniqueName('customer_history'),
      logger,
    });
    const stored = await storedCustomer(customersDb.db, customerId);

    await trail.record([{ ...stored!, version: 1, processedCommands: [] }]);

    const audit = exporter.getFinishedSpans().find((span) => span.name.startsWith('audit '));
    expect(audit).toBeDefined();
    expect(audit!.parentSpanContext).toBeUndefined();
    expect(audit!.links.map((link) => link.context)).toEqual([
      expect.objectContaining({
        traceId: clientTraceId,
        spanId: spanIdOf(lastEvent.traceparent),
      }),
    ]);
  });

  it('extevp: the webhook delivery carries a traceparent, and its span links to the command', async () => {
    const receiver: WebhookReceiver = await startWebhookReceiver();
    stoppers.push(() => receiver.close());
    const extevp = await appOnTestDatabase(thingsExtevp, { env: fastDeliveryEnv });
    stoppers.push(() => extevp.stop());
    const partner = testCaller(extevp.url, { p: { sub: 'partner', roles: ['integrations'] } }, 'p');
    const subscribed = await partner('POST', '/things/webhooks/subscriptions', {
      body: { url: receiver.url, eventTypes: ['*'] },
    });
    expect(subscribed.status).toBe(201);

    // The things stand-in's write: the same stored event (and trace context) as the customer's.
    const thingId = `thing-${randomUUID()}`;
    await extevp.db.collection('things').insertOne({
      _id: thingId as never,
      version: 1,
      lastEvent: {
        ...lastEvent,
        id: `${thingId}:1`,
        aggregateId: thingId,
        type: 'thing.created.v1',
      },
    });

    const webhook = await eventually(() => receiver.received[0], 'the webhook');
    const deliver = await eventually(
      () => spansNamed('deliver thing.created.v1')[0],
      'the delivery span',
    );
    expect(webhook.headers.traceparent).toMatch(traceparentPattern);
    expect(traceIdOf(webhook.headers.traceparent)).toBe(deliver.spanContext().traceId);
    expect(deliver.spanContext().traceId).not.toBe(clientTraceId);
    expect(deliver.links.map((link) => link.context)).toEqual([
      expect.objectContaining({ traceId: clientTraceId, spanId: spanIdOf(lastEvent.traceparent) }),
    ]);
    expect(JSON.parse(webhook.body)).toMatchObject({ traceparent: lastEvent.traceparent });
  });
});
