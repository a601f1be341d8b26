import type { InfraConfig } from './config';

/** How one half of the pair stands before `up` starts anything. */
export type Standing =
  /** Not managed here: MONGO_URL / KAFKA_BROKERS point elsewhere, or a foreign process. */
  | { readonly run: 'elsewhere' }
  | { readonly run: 'stopped'; readonly hasData: boolean }
  /**
   * Started by `up` from this data dir. `sameMode`: it keeps its state the way this config asks
   * (persisted, or in memory with throwaway Kafka logs).
   */
  | {
      readonly run: 'ours';
      readonly pid: number;
      readonly sameMode: boolean;
      readonly hasData: boolean;
    };

export type UpPlan =
  | {
      readonly start: true;
      /** Empty Kafka's throwaway logs before starting it. */
      readonly wipeKafka: boolean;
    }
  | { readonly start: false; readonly reason: string };

const startOver =
  '`npm run infra:reset` (or `npm start -- --fresh`) wipes both, and they start empty together';

/**
 * Kafka's topics and consumer offsets and the engine's documents and checkpoints must always come
 * from the same lifetime: events on a topic describe aggregates the engine holds, checkpoints
 * point into the topics. Decides whether `up` may start what is stopped, and refuses (with what
 * to do) where starting would pair one half's state with the other's absence.
 *
 * - Persisted (MONGO_PERSIST=true, the default): both have data on disk, or neither does.
 * - In memory: an engine that stopped lost its documents, so Kafka starts empty with it; a Kafka
 *   still running next to a stopped in-memory engine is refused.
 * - A half running in the other mode (an in-memory engine while the config asks for persistence,
 *   or the reverse) is refused: it has to be stopped first.
 * - A half managed elsewhere (external URL, foreign process) cannot be checked; the other half
 *   starts as configured.
 */
export function planUp(config: InfraConfig, kafka: Standing, mongo: Standing): UpPlan {
  const { persist } = config.mongo;
  for (const [title, s] of [
    ['Kafka', kafka],
    ['The engine', mongo],
  ] as const) {
    if (s.run === 'ours' && !s.sameMode) {
      const running = persist ? 'in memory' : 'with its state on disk';
      const wanted = persist ? 'a persisted pair' : 'an in-memory engine';
      return refuse(
        `${title} is running (pid ${s.pid}) ${running}, but MONGO_PERSIST=${persist} asks for ${wanted}; the two halves would not keep their state together. Stop it first: \`npm run infra:down\`.`,
      );
    }
  }
  const wipeKafka = !persist && kafka.run === 'stopped' && mongo.run !== 'ours';
  if (kafka.run === 'elsewhere' || mongo.run === 'elsewhere') return { start: true, wipeKafka };

  if (persist && kafka.hasData && !mongo.hasData) {
    return refuse(
      `Kafka has topics in ${config.kafka.dir} but the engine has no data file (${config.mongo.file}): it ran in memory before (MONGO_PERSIST used to default to false), so the topics hold events of aggregates and offsets of checkpoints that no longer exist. ${startOver}; or keep them and set another INFRA_DATA_DIR.`,
    );
  }
  if (persist && mongo.hasData && !kafka.hasData) {
    return refuse(
      `The engine has data in ${config.mongo.file} but Kafka has no topics in ${config.kafka.dir}: the engine's checkpoints and events would point at topics that are gone. ${startOver}; or keep them and set another INFRA_DATA_DIR.`,
    );
  }
  if (!persist && mongo.run === 'stopped' && kafka.run === 'ours') {
    return refuse(
      `The in-memory engine is not running, so its documents are gone, but Kafka (pid ${kafka.pid}) still holds the topics written next to it. Stop Kafka first (\`npm run infra:down\`); then both start empty.`,
    );
  }
  return { start: true, wipeKafka };
}

const refuse = (reason: string): UpPlan => ({ start: false, reason });
