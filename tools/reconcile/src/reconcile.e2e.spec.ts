import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import {
  customerHistoryCollection,
  customersCollection,
  customersEventsTopic,
} from '@cqrs/customers-shared';
import { signToken } from '@cqrs/framework-core';
import { eventually } from '@cqrs/framework-core/testing';
import { orderStatsCollection } from '@cqrs/orders-shared';
import { repoRoot } from '@cqrs/tools-infra';
import { type RunningSystem, startSystem } from '@cqrs/tools-dev';
import { formatReport } from './format-report';
import { reconcile } from './reconcile';

/**
 * The reconciliation against the whole system: clean after real business flows, and it names
 * each drift a damaged system shows. The system runs on its own broker and engine (ports and data
 * dir of its own), because the shared ones of the test run hold other suites' leftovers and the
 * damage done here must not reach them.
 */
describe('npm run reconcile against a running system', () => {
  const saved = { ...process.env };
  mkdirSync(path.join(repoRoot, 'tmp'), { recursive: true });
  const dataDir = mkdtempSync(path.join(repoRoot, 'tmp', 'reconcile-e2e-'));
  let system: RunningSystem;
  const output: string[] = [];

  beforeAll(async () => {
    delete process.env.MONGO_URL;
    delete process.env.KAFKA_BROKERS;
    Object.assign(process.env, {
      INFRA_DATA_DIR: dataDir,
      KAFKA_PORT: '19692',
      KAFKA_CONTROLLER_PORT: '19693',
      MONGO_PORT: '27617',
      MONGO_PERSIST: 'false',
    });
    system = await startSystem({
      log: (line) => output.push(line),
      output: (line) => output.push(line),
      gatewayPort: 0,
      color: false,
    });
  });

  afterAll(async () => {
    await system?.stop();
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const token = async (sub: string, roles: string[] = []) =>
    `Bearer ${await signToken({ sub, roles, secret: system.jwtSecret, expiresIn: '1h' })}`;
  const call = async (method: string, url: string, auth: string, body?: unknown) =>
    fetch(url, {
      method,
      headers: {
        authorization: auth,
        'idempotency-key': randomUUID(),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const options = () => ({ mongoUrl: system.mongoUrl, kafkaBrokers: system.kafkaBrokers });

  it('finds no drift after registrations, KYC, orders and a block, then names each damage', async () => {
    const clerk = await token('alice');
    const risk = await token('rita', ['risk']);
    const service = await token('kyc-adapter', ['service']);
    const cmdh = system.apps.find((a) => a.name === 'customers-cmdh')?.url ?? '';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const registered = await call('POST', `${system.gatewayUrl}/customers`, clerk, {
        name: `Ada ${i}`,
        email: `ada-${randomUUID()}@example.com`,
      });
      expect(registered.status).toBe(201);
      ids.push(((await registered.json()) as { id: string }).id);
    }
    const [shopper = '', blocked = '', damaged = ''] = ids;
    for (const id of [shopper, blocked]) {
      const approved = await call(
        'POST',
        `${cmdh}/internal/customers/${id}/kyc/approve`,
        service,
        {},
      );
      expect(approved.status).toBe(200);
    }
    await eventually(async () => {
      const placed = await call('POST', `${system.gatewayUrl}/orders`, clerk, {
        customerId: shopper,
        currency: 'EUR',
        lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 1250 }],
      });
      return placed.status === 201 ? true : undefined;
    }, 'an order accepted once orders knows the customer is active');
    expect(
      (
        await call('POST', `${system.gatewayUrl}/customers/${blocked}/block`, risk, {
          reason: 'fraud',
        })
      ).status,
    ).toBe(200);

    const clean = await reconcile(options());
    expect(formatReport(clean)).toMatch(/no drift$/);
    expect(clean.ok).toBe(true);
    const customers = clean.services.find((s) => s.service === 'customers');
    // 3 registrations, 2 approvals, 1 order opened, 1 block.
    expect(customers).toMatchObject({ aggregates: 3, expected: 7, published: 7, lost: 0 });

    // Damage: a customer whose first version never reached the topic (written behind the
    // command handler's back, as version 2), a lost audit entry, stats that were never earned,
    // and an event on the topic of a customer that does not exist.
    const mongo = await MongoClient.connect(system.mongoUrl);
    const kafka = new Kafka({
      clientId: 'damage',
      brokers: [system.kafkaBrokers],
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    try {
      const db = mongo.db('customers');
      const document = await db
        .collection<{ _id: string; version: number; lastEvent: { id: string; version: number } }>(
          customersCollection,
        )
        .findOne({ _id: damaged });
      const ghost = `ghost-${randomUUID()}`;
      await db
        .collection<{ _id: string } & Record<string, unknown>>(customersCollection)
        .insertOne({
          ...document,
          _id: ghost,
          email: `ghost-${randomUUID()}@example.com`,
          version: 2,
          lastEvent: { ...document?.lastEvent, id: `${ghost}:2`, aggregateId: ghost, version: 2 },
        });
      await db
        .collection<{ _id: string }>(customerHistoryCollection)
        .deleteOne({ _id: `${shopper}:1` });
      await mongo
        .db('orders')
        .collection<{ _id: string }>(orderStatsCollection)
        .updateOne({ _id: shopper }, { $inc: { 'byStatus.paid.count': 1 } });
      await producer.connect();
      const unknown = `nobody-${randomUUID()}`;
      const event = {
        specversion: '1.0',
        id: `${unknown}:1`,
        source: '/customers',
        type: 'customer.registered.v1',
        subject: unknown,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        data: {},
        correlationid: randomUUID(),
        sequence: '0000000000000001',
      };
      await producer.send({
        topic: customersEventsTopic,
        messages: [{ key: unknown, value: JSON.stringify(event) }],
      });

      const damagedReport = await reconcile({ ...options(), settleTimeoutMs: 10_000 });
      const found = damagedReport.drifts.map((d) => `${d.check} ${d.id}`).sort();

      expect(damagedReport.ok).toBe(false);
      expect(found).toEqual(
        [
          `audit-trail ${ghost}`,
          `audit-trail ${shopper}`,
          `order-stats ${shopper}`,
          // Its copied event names the original customer, so orders records no standing for it.
          `standing ${ghost}`,
          `topic ${ghost}`,
          `topic ${unknown}`,
        ].sort(),
      );
      expect(damagedReport.services.find((s) => s.service === 'customers')).toMatchObject({
        lost: 1,
        unknown: 1,
      });
    } finally {
      await producer.disconnect();
      await mongo.close();
    }
  });
});
