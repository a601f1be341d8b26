import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { fromKafkaMessage } from '@cqrs/framework-kafka';
import type { TopicEvent } from '../checks/topic';

/** Every partition's offsets now, or none when the topic does not exist (yet). */
async function offsetsOf(admin: Admin, topic: string) {
  const topics = await admin.listTopics();
  return topics.includes(topic) ? admin.fetchTopicOffsets(topic) : [];
}

export interface TopicContents {
  readonly events: TopicEvent[];
  /** Messages that are not valid CloudEvents. */
  readonly undecodable: number;
}

/**
 * Reads `topic` from its start up to its end as of the call, under a throw-away consumer group
 * that commits nothing and is deleted afterwards, so the read leaves no trace on the cluster.
 */
export async function readTopic(kafka: Kafka, admin: Admin, topic: string): Promise<TopicContents> {
  const ends = new Map<number, bigint>();
  for (const p of await offsetsOf(admin, topic)) {
    if (BigInt(p.high) > BigInt(p.low)) ends.set(p.partition, BigInt(p.high) - 1n);
  }
  const events: TopicEvent[] = [];
  let undecodable = 0;
  if (ends.size === 0) return { events, undecodable };

  const groupId = `reconcile-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const remaining = new Set(ends.keys());
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: ({ batch }) => {
            const end = ends.get(batch.partition);
            for (const message of batch.messages) {
              if (end === undefined || BigInt(message.offset) > end) break;
              const decoded = fromKafkaMessage(message);
              if (decoded.ok) {
                const { id, type, subject, time } = decoded.event;
                events.push({ id, type, subject, time });
              } else undecodable++;
              if (BigInt(message.offset) >= end) remaining.delete(batch.partition);
            }
            if (remaining.size === 0) resolve();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return { events, undecodable };
}

/** A consumer group and the topic whose lag counts. */
export interface ConsumerGroupOf {
  readonly groupId: string;
  readonly topic: string;
}

/** How many messages `group` has yet to consume of its topic (a group that committed nothing: all). */
export async function lagOf(admin: Admin, group: ConsumerGroupOf): Promise<number> {
  const ends = await offsetsOf(admin, group.topic);
  if (ends.length === 0) return 0;
  const [committed] = await admin.fetchOffsets({ groupId: group.groupId, topics: [group.topic] });
  const at = new Map(
    (committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)] as const),
  );
  let lag = 0n;
  for (const p of ends) {
    const offset = at.get(p.partition) ?? -1n;
    lag += BigInt(p.high) - (offset < 0n ? BigInt(p.low) : offset);
  }
  return Number(lag);
}
