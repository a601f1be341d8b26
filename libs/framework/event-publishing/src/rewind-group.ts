import type { Admin } from 'kafkajs';
import { AppError } from '@cqrs/framework-core';

export interface RewoundPartition {
  readonly partition: number;
  readonly offset: string;
}

/**
 * Event replay (DESIGN section 4): moves a consumer group's committed offsets on `topic` to the
 * first event at or after `from`, so its members re-read everything since. Kafka only allows
 * this while the group has no running members, so an active group is a 409 with a reason the
 * operator can act on (stop the consumers, rewind, start them again).
 */
export async function rewindConsumerGroup(
  admin: Admin,
  request: { groupId: string; topic: string; from: Date },
): Promise<RewoundPartition[]> {
  const { groupId, topic, from } = request;
  const [description] = (await admin.describeGroups([groupId])).groups;
  if (description && description.members.length > 0) {
    throw new AppError(
      'conflict',
      `Consumer group ${groupId} has running members; stop them first`,
      {
        details: { reason: 'group_active', members: description.members.length },
      },
    );
  }
  // Kafka reads negative timestamps as "latest" (-1) or "earliest" (-2) and refuses the others:
  // a time before 1970 (the schema accepts year 20, say) means every event, i.e. time 0.
  const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, Math.max(0, from.getTime()));
  // No event at or after `from` on a partition: kafkajs answers -1; the end is the right place.
  const ends = await admin.fetchTopicOffsets(topic);
  const partitions = offsets.map(({ partition, offset }) => ({
    partition,
    offset: offset === '-1' ? (ends.find((e) => e.partition === partition)?.high ?? '0') : offset,
  }));
  await admin.setOffsets({ groupId, topic, partitions });
  return partitions;
}
