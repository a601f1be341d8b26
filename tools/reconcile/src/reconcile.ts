import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin, Kafka as KafkaClient } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import type { Db } from 'mongodb';
import { MongoClient } from 'mongodb';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import {
  customerHistoryCollection,
  customersCollection,
  customersEventsTopic,
} from '@cqrs/customers-shared';
import { defaultParkedEventsCollection } from '@cqrs/framework-event-handling';
import { deliveriesCollection, subscriptionsCollection } from '@cqrs/framework-webhook-delivery';
import {
  customerStandingsCollection,
  orderHistoryCollection,
  orderStatsCollection,
  ordersCollection,
  ordersEventsTopic,
} from '@cqrs/orders-shared';
import type { TrailEntry } from './checks/audit-trail';
import { checkAuditTrail } from './checks/audit-trail';
import type { CustomerFacts, StandingFacts } from './checks/between-services';
import { checkOpenOrders, checkStandings } from './checks/between-services';
import type { OrderFacts, StoredOrderStats } from './checks/orders-read-models';
import { checkOrderStats } from './checks/orders-read-models';
import type { TopicEvent } from './checks/topic';
import { checkTopic } from './checks/topic';
import type { DeliveryFacts, SubscriptionFacts } from './checks/webhooks';
import { checkDeliveries, checkStuckDeliveries } from './checks/webhooks';
import type { ConsumerGroupOf } from './read/kafka-reads';
import { lagOf, readTopic } from './read/kafka-reads';
import type {
  CheckName,
  Drift,
  ReconcileOptions,
  ReconcileReport,
  ServiceName,
  ServiceSummary,
} from './report';

/** Where one service keeps what the reconciliation compares. */
interface ServiceSources {
  readonly db: string;
  readonly writeModel: string;
  readonly auditTrail: string;
  readonly topic: string;
  /** This service's evh: its consumer group and the other service's topic it reads. */
  readonly consumes: ConsumerGroupOf;
}

const sources: Readonly<Record<ServiceName, ServiceSources>> = {
  customers: {
    db: 'customers',
    writeModel: customersCollection,
    auditTrail: customerHistoryCollection,
    topic: customersEventsTopic,
    consumes: { groupId: 'customers-evh', topic: ordersEventsTopic },
  },
  orders: {
    db: 'orders',
    writeModel: ordersCollection,
    auditTrail: orderHistoryCollection,
    topic: ordersEventsTopic,
    consumes: { groupId: 'orders-evh', topic: customersEventsTopic },
  },
};

export const allServices: readonly ServiceName[] = ['customers', 'orders'];

/** What one pass reads of a service. */
interface ServiceData {
  readonly service: ServiceName;
  readonly documents: VersionedDocument[];
  readonly events: TopicEvent[];
  readonly undecodable: number;
  readonly trail: TrailEntry[];
  readonly subscriptions: SubscriptionFacts[];
  readonly deliveries: DeliveryFacts[];
  readonly parked: number;
}

async function readService(
  db: Db,
  kafka: KafkaClient,
  admin: Admin,
  service: ServiceName,
): Promise<ServiceData> {
  const s = sources[service];
  const [documents, trail, subscriptions, deliveries, parked, topic] = await Promise.all([
    db
      .collection<VersionedDocument>(s.writeModel)
      .find({}, { projection: { processedCommands: 0 } })
      .toArray(),
    db
      .collection<TrailEntry>(s.auditTrail)
      .find({}, { projection: { _id: 0, aggregateId: 1, version: 1, patch: 1 } })
      .toArray(),
    db.collection<SubscriptionFacts>(subscriptionsCollection).find({}).toArray(),
    db
      .collection<DeliveryFacts>(deliveriesCollection)
      .find({}, { projection: { _id: 1, status: 1, claim: 1, dueAt: 1 } })
      .toArray(),
    db.collection(defaultParkedEventsCollection).countDocuments({ status: 'parked' }),
    readTopic(kafka, admin, s.topic),
  ]);
  return {
    service,
    documents,
    events: topic.events,
    undecodable: topic.undecodable,
    trail,
    subscriptions,
    deliveries,
    parked,
  };
}

/** Every check over what one pass read; pure but for `now`. */
function compare(
  data: readonly ServiceData[],
  orders: {
    readonly stats: readonly StoredOrderStats[];
    readonly standings: readonly StandingFacts[];
  } | null,
  now: Date,
  stuckAfterMs: number,
): { summaries: ServiceSummary[]; drifts: Drift[] } {
  const drifts: Drift[] = [];
  const summaries: ServiceSummary[] = [];
  for (const d of data) {
    const s = sources[d.service];
    const topic = checkTopic(d.service, s.topic, d.documents, d.events);
    const found = [
      ...topic.drifts,
      ...checkAuditTrail(d.service, d.documents, d.trail),
      ...checkDeliveries(
        d.service,
        d.subscriptions,
        d.events,
        new Set(d.deliveries.map((x) => x._id)),
      ),
      ...checkStuckDeliveries(d.service, d.deliveries, now, stuckAfterMs),
    ];
    if (d.undecodable > 0) {
      found.push({
        service: d.service,
        check: 'topic',
        id: s.topic,
        detail: `${d.undecodable} message(s) that are not valid CloudEvents`,
      });
    }
    drifts.push(...found);
    summaries.push({
      service: d.service,
      aggregates: d.documents.length,
      expected: topic.expected,
      published: topic.published,
      duplicated: topic.duplicated,
      lost: topic.lost,
      unknown: topic.unknown,
      parked: d.parked,
      drifts: {},
    });
  }
  const customers = data.find((d) => d.service === 'customers');
  const orderData = data.find((d) => d.service === 'orders');
  if (orderData && orders) {
    drifts.push(...checkOrderStats(orderData.documents as unknown as OrderFacts[], orders.stats));
  }
  if (customers && orderData && orders) {
    const customerFacts = customers.documents as unknown as CustomerFacts[];
    drifts.push(
      ...checkOpenOrders(customerFacts, orderData.documents as unknown as OrderFacts[]),
      ...checkStandings(customerFacts, orders.standings),
    );
  }
  const counted = summaries.map((summary) => {
    const perCheck: Partial<Record<CheckName, number>> = {};
    for (const drift of drifts) {
      if (drift.service === summary.service)
        perCheck[drift.check] = (perCheck[drift.check] ?? 0) + 1;
    }
    return { ...summary, drifts: perCheck };
  });
  return { summaries: counted, drifts };
}

/**
 * Compares, for a running system, every service's write model with its topic, its audit trail
 * and its webhook deliveries, the orders read model with the orders, and the two services'
 * copies of each other's facts (see the checks). Read-only: it reads the databases and the
 * topics (under a throw-away consumer group it deletes) and writes nothing.
 *
 * It first waits until every evh consumer group has consumed its topic to the end, then
 * compares; drift that may still be in flight (an event not yet published, a change not yet
 * recorded) is compared again until it is gone or `settleTimeoutMs` has passed.
 */
export async function reconcile(options: ReconcileOptions): Promise<ReconcileReport> {
  const services = options.services ?? allServices;
  const settleTimeoutMs = options.settleTimeoutMs ?? 60_000;
  const stuckAfterMs = options.stuckAfterMs ?? 60_000;
  const log = options.log ?? (() => undefined);
  const deadline = Date.now() + settleTimeoutMs;

  const kafka = new Kafka({
    clientId: 'reconcile',
    brokers: options.kafkaBrokers
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    logLevel: logLevel.NOTHING,
    retry: { retries: 3 },
  });
  const admin = kafka.admin();
  const client = new MongoClient(options.mongoUrl, { serverSelectionTimeoutMS: 10_000 });
  try {
    await Promise.all([admin.connect(), client.connect()]);
    const groups = services.map((service) => sources[service].consumes);
    let lagging: string[] = [];
    for (;;) {
      const lags = await Promise.all(groups.map(async (g) => [g, await lagOf(admin, g)] as const));
      lagging = lags
        .filter(([, lag]) => lag > 0)
        .map(([g, lag]) => `${g.groupId} (${lag} behind on ${g.topic})`);
      if (lagging.length === 0 || Date.now() > deadline) break;
      log(`waiting for ${lagging.join(', ')}`);
      await sleep(1_000);
    }

    for (let pass = 1; ; pass++) {
      const data = await Promise.all(
        services.map((service) =>
          readService(client.db(sources[service].db), kafka, admin, service),
        ),
      );
      const ordersDb = client.db(sources.orders.db);
      const orders = services.includes('orders')
        ? {
            stats: await ordersDb
              .collection<StoredOrderStats>(orderStatsCollection)
              .find({})
              .toArray(),
            standings: await ordersDb
              .collection<StandingFacts>(customerStandingsCollection)
              .find({}, { projection: { _id: 1, standing: 1 } })
              .toArray(),
          }
        : null;
      const { summaries, drifts } = compare(data, orders, new Date(), stuckAfterMs);
      const ok =
        drifts.length === 0 && lagging.length === 0 && summaries.every((s) => s.lost === 0);
      if (ok || Date.now() > deadline) return { services: summaries, drifts, lagging, ok };
      log(`pass ${pass}: ${drifts.length} drift(s), comparing again in case they are in flight`);
      await sleep(2_000);
    }
  } finally {
    await Promise.allSettled([admin.disconnect(), client.close()]);
  }
}
