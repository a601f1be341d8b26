import type { Consumer } from 'kafkajs';
import { ensureTopics } from '../admin/ensure-topics';
import { fromKafkaMessage } from '../cloud-events/kafka-codec';
import { sampleEvent } from '../testing/sample-event';
import { collect, silentLogger, testKafka, uniqueName, waitUntil } from '../testing/kafka-test-env';
import type { EventProducer } from './event-producer';
import { createEventProducer } from './event-producer';

describe('EventProducer', () => {
  const kafka = testKafka();
  const published: { topic: string; count: number }[] = [];
  let producer: EventProducer;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    producer = createEventProducer({
      kafka,
      logger: silentLogger,
      onPublished: (topic, count) => published.push({ topic, count }),
    });
    await producer.connect();
  });
  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect()));
    await producer.disconnect();
  });

  it('publishes 1,000 events for 10 keys: all arrive, in order per key, with their headers', async () => {
    const topic = uniqueName('customers.events.v1');
    await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
    const keys = Array.from({ length: 10 }, (_, i) => `customer-${i}`);
    // Interleaved keys, published in batches of 100 (ten per key each time).
    const events = Array.from({ length: 100 }, (_, v) =>
      keys.map((k) => sampleEvent(k, v + 1)),
    ).flat();

    for (let i = 0; i < events.length; i += 100) {
      await producer.publish(topic, events.slice(i, i + 100));
    }
    const { consumer, received } = await collect(kafka, topic);
    consumers.push(consumer);
    await waitUntil(() => received.length >= 1_000, 'the consumer received 1,000');

    expect(received).toHaveLength(1_000);
    for (const key of keys) {
      const ofKey = received.filter((m) => m.key === key);
      const versions = ofKey.map((m) => {
        const decoded = fromKafkaMessage({ value: m.value });
        return decoded.ok ? (decoded.event.data.version as number) : -1;
      });
      expect(versions).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
    }
    expect(received[0]?.headers).toEqual({
      'content-type': 'application/cloudevents+json; charset=UTF-8',
      ce_id: `${received[0]?.key}:1`,
      ce_type: 'customer.changed.v1',
    });
    expect(published.filter((p) => p.topic === topic).reduce((n, p) => n + p.count, 0)).toBe(1_000);
  });

  it('gives a consumer the reason when a message is garbage', async () => {
    const topic = uniqueName('garbage');
    await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
    const raw = kafka.producer({ allowAutoTopicCreation: false });
    await raw.connect();
    await raw.send({ topic, acks: -1, messages: [{ key: 'k', value: 'not json {' }] });
    await raw.send({ topic, acks: -1, messages: [{ key: 'k', value: '{"specversion":"1.0"}' }] });
    await raw.disconnect();

    const { consumer, received } = await collect(kafka, topic);
    consumers.push(consumer);
    await waitUntil(() => received.length >= 2, 'both messages arrived');

    const reasons = received.map((m) => {
      const decoded = fromKafkaMessage({ value: m.value });
      return decoded.ok ? 'ok' : decoded.error.reason;
    });
    expect(reasons).toEqual(['bad_json', 'schema']);
  });

  it('refuses an invalid event before sending anything', async () => {
    const topic = uniqueName('invalid');
    const broken = { ...sampleEvent('c1', 1), sequence: '1' };

    await expect(producer.publish(topic, [broken])).rejects.toMatchObject({ code: 'internal' });
  });

  it('fails a publish to a topic nobody created with a retriable unavailable error', async () => {
    const impatient = createEventProducer({ kafka, logger: silentLogger });

    const publishing = impatient.publish(uniqueName('never-created'), [sampleEvent('c1', 1)]);

    await expect(publishing).rejects.toMatchObject({ code: 'unavailable', retriable: true });
    await impatient.disconnect();
  });
});
