import { AppError } from '@cqrs/framework-core';
import type { Admin, IResourceConfigEntry, Kafka } from 'kafkajs';
import type { Logger } from 'pino';

/** A topic a service needs, declared in code and created at start-up. */
export interface TopicDeclaration {
  readonly topic: string;
  readonly numPartitions: number;
  /** Default: the broker's `default.replication.factor` (1 locally, 3 in production). */
  readonly replicationFactor?: number;
  /** Topic configs, e.g. `{ 'retention.ms': '604800000', 'min.insync.replicas': '2' }`. */
  readonly configs?: Readonly<Record<string, string>>;
}

export interface EnsureTopicsOptions {
  readonly logger?: Logger;
  /** How long to wait for every partition to have a leader; default 30 s. */
  readonly timeoutMs?: number;
}

/**
 * Creates the declared topics that do not exist (brokers here never auto-create), then waits
 * until every partition of every declared topic has a leader, so producing right after works.
 * Idempotent and safe when replicas start together. An existing topic is never altered; a
 * partition count that differs from the declaration is logged, since changing it would move
 * keys between partitions and break per-key order. Fails with `AppError('unavailable')` when
 * leaders do not appear within `timeoutMs`.
 */
export async function ensureTopics(
  kafka: Kafka,
  declarations: readonly TopicDeclaration[],
  options: EnsureTopicsOptions = {},
): Promise<void> {
  const { logger, timeoutMs = 30_000 } = options;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = declarations.filter(({ topic }) => !existing.has(topic));
    if (missing.length > 0) {
      // `false` means another replica created them first: just as good.
      await admin.createTopics({
        topics: missing.map((d) => ({
          topic: d.topic,
          numPartitions: d.numPartitions,
          replicationFactor: d.replicationFactor ?? -1,
          configEntries: configEntries(d.configs),
        })),
        waitForLeaders: false,
        timeout: timeoutMs,
      });
      logger?.info({ topics: missing.map((d) => d.topic) }, 'topics created');
    }
    await waitForLeaders(admin, declarations, timeoutMs, logger);
  } finally {
    await admin.disconnect();
  }
}

const configEntries = (configs: TopicDeclaration['configs']): IResourceConfigEntry[] =>
  Object.entries(configs ?? {}).map(([name, value]) => ({ name, value }));

async function waitForLeaders(
  admin: Admin,
  declarations: readonly TopicDeclaration[],
  timeoutMs: number,
  logger: Logger | undefined,
): Promise<void> {
  const topics = declarations.map((d) => d.topic);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const metadata = await admin.fetchTopicMetadata({ topics }).catch(() => undefined);
    const ready = metadata?.topics.every(
      (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
    );
    if (metadata && ready) {
      for (const t of metadata.topics) {
        const declared = declarations.find((d) => d.topic === t.name);
        if (declared && declared.numPartitions !== t.partitions.length) {
          logger?.warn(
            { topic: t.name, declared: declared.numPartitions, actual: t.partitions.length },
            'topic exists with a different partition count; leaving it as it is',
          );
        }
      }
      return;
    }
    if (performance.now() > deadline) {
      throw new AppError('unavailable', `topics have no leader yet: ${topics.join(', ')}`, {
        retriable: true,
        details: { topics },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
