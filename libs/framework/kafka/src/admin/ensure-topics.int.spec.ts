import { testKafka, uniqueName } from '../testing/kafka-test-env';
import { ensureTopics } from './ensure-topics';

describe('ensureTopics', () => {
  const kafka = testKafka();
  const admin = kafka.admin();

  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  it('creates missing topics with their partitions and configs, ready for producing', async () => {
    const events = uniqueName('customers.events.v1');
    const parked = uniqueName('customers.parked.v1');

    await ensureTopics(kafka, [
      { topic: events, numPartitions: 3, configs: { 'retention.ms': '86400000' } },
      { topic: parked, numPartitions: 1 },
    ]);

    const metadata = await admin.fetchTopicMetadata({ topics: [events, parked] });
    const partitions = Object.fromEntries(metadata.topics.map((t) => [t.name, t.partitions]));
    expect(partitions[events]).toHaveLength(3);
    expect(partitions[parked]).toHaveLength(1);
    expect(metadata.topics.flatMap((t) => t.partitions).every((p) => p.leader >= 0)).toBe(true);
    const described = await admin.describeConfigs({
      resources: [{ type: 2, name: events, configNames: ['retention.ms'] }],
      includeSynonyms: false,
    });
    expect(described.resources[0]?.configEntries[0]?.configValue).toBe('86400000');
  });

  it('is harmless the second time, and when replicas run it at once', async () => {
    const topic = uniqueName('orders.events.v1');
    const declaration = [{ topic, numPartitions: 2 }];

    await Promise.all([ensureTopics(kafka, declaration), ensureTopics(kafka, declaration)]);
    await ensureTopics(kafka, declaration);

    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(2);
  });

  it('leaves an existing topic as it is when the declaration differs', async () => {
    const topic = uniqueName('changed');
    await ensureTopics(kafka, [{ topic, numPartitions: 2 }]);

    await ensureTopics(kafka, [{ topic, numPartitions: 4 }]);

    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(2);
  });
});
