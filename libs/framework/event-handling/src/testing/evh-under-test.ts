import type { Db } from 'mongodb';
import type { BaseConfig, RunningApp } from '@cqrs/framework-core';
import type { SpawnedApp, TestedApp } from '@cqrs/framework-core/testing';
import { testToken, uniqueName } from '@cqrs/framework-core/testing';
import { ensureTopics } from '@cqrs/framework-kafka';
import type { EventWriter } from '@cqrs/framework-kafka/testing';
import { eventWriter, testKafka } from '@cqrs/framework-kafka/testing';
import type { CmdhProcess } from '@cqrs/framework-mongo/testing';
import { appWithCmdh } from '@cqrs/framework-mongo/testing';
import type { ParkedEventResource } from '../api/parked-event-resource';

/** What differs between services' `evh` tests. */
export interface EvhUnderTestSpec<C extends BaseConfig> {
  /** The service's `evh`, started in this process. */
  readonly evh: TestedApp<C>;
  /** The `cmdh` it sends commands to; the service's own by default (see `ownCmdh`). */
  readonly cmdh?: CmdhProcess;
  /** Where the `evh` serves its parked events; `/<service>/parked-events` by default. */
  readonly parkedEventsPath?: string;
  /** More `evh` settings (or other ones), e.g. a larger retry budget. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A service's `evh` and real `cmdh` on a database and a topic of their own. */
export interface EvhUnderTest<C extends BaseConfig> {
  /** The `evh`. */
  readonly app: RunningApp<C>;
  readonly cmdh: SpawnedApp;
  /** The database both apps use. */
  readonly db: Db;
  /** The topic the `evh` consumes, with one partition: every event is handled in order. */
  readonly topic: string;
  /** Writes the other service's events to `topic`. */
  readonly events: EventWriter;
  /** The parked events, as an operator lists them. */
  readonly parkedEvents: () => Promise<ParkedEventResource[]>;
  readonly parkedOf: (id: string) => Promise<ParkedEventResource | undefined>;
  /** Replays a parked event as an operator. */
  readonly replay: (id: string) => Promise<{ status: number; body: ParkedEventResource }>;
  readonly stop: () => Promise<void>;
}

/**
 * Starts the service's real `cmdh` (a process) and its `evh` (in this process, pointed at that
 * `cmdh`) on a fresh database, consuming a fresh one-partition topic, with a short retry budget
 * unless `spec.env` says otherwise.
 */
export async function evhUnderTest<C extends BaseConfig>(
  spec: EvhUnderTestSpec<C>,
): Promise<EvhUnderTest<C>> {
  const { service } = spec.evh;
  const kafka = testKafka(`${service}-test`);
  const topic = uniqueName('events');
  await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
  const events = await eventWriter(kafka, topic);
  const started = await appWithCmdh({
    app: spec.evh,
    ...(spec.cmdh ? { cmdh: spec.cmdh } : {}),
    env: {
      EVENTS_TOPIC: topic,
      CONSUMER_GROUP: uniqueName(service),
      RETRY_ATTEMPTS: '20',
      RETRY_INITIAL_DELAY_MS: '50',
      RETRY_MAX_DELAY_MS: '500',
      ...spec.env,
    },
  }).catch(async (error: unknown) => {
    await events.close();
    throw error;
  });

  const { app } = started;
  const parkedPath = spec.parkedEventsPath ?? `/${service.replace(/-evh$/, '')}/parked-events`;
  const operator = async () => ({
    authorization: `Bearer ${await testToken({ sub: 'ops-1', roles: ['operator'] })}`,
  });
  const parkedEvents = async () => {
    const answer = await fetch(`${app.url}${parkedPath}?limit=100`, { headers: await operator() });
    if (answer.status !== 200) throw new Error(`listing parked events: ${answer.status}`);
    return ((await answer.json()) as { items: ParkedEventResource[] }).items;
  };
  return {
    ...started,
    topic,
    events,
    parkedEvents,
    parkedOf: async (id) => (await parkedEvents()).find((event) => event.id === id),
    replay: async (id) => {
      const answer = await fetch(`${app.url}${parkedPath}/${encodeURIComponent(id)}/replay`, {
        method: 'POST',
        headers: await operator(),
      });
      return { status: answer.status, body: (await answer.json()) as ParkedEventResource };
    },
    stop: async () => {
      try {
        await started.stop();
      } finally {
        await events.close();
      }
    },
  };
}
