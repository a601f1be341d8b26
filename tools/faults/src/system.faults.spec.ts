import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { signToken } from '@cqrs/framework-core';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import { customersCollection } from '@cqrs/customers-shared';
import { ordersCollection } from '@cqrs/orders-shared';
import { parseInfraConfig, repoRoot } from '@cqrs/tools-infra';
import type { ReconcileReport } from '@cqrs/tools-reconcile';
import { formatReport, reconcile } from '@cqrs/tools-reconcile';
import { resolveWebhookSecrets } from '@cqrs/tools-workspace';
import type { LocalSystem } from '@cqrs/tools-dev';
import { startSystem } from '@cqrs/tools-dev';
import { emptyCounts, RetryingClient } from './client';
import type { FaultRow } from './fault-table';
import { formatFaultTable } from './fault-table';
import { probeFlow } from './flow-probe';
import { infraControl } from './infra-control';
import type { FaultContext } from './scenarios';
import { scenarios } from './scenarios';
import type { WebhookReceiver } from './webhook-receiver';
import { startWebhookReceiver, subscribeToAll } from './webhook-receiver';
import type { AcceptedVersions } from './workload';
import { runWorkload } from './workload';

/** Load before the fault, and at least this long after it, so the fault hits commands in flight. */
const loadBeforeMs = 6_000;
const loadAfterMs = 6_000;

/**
 * The whole system under faults: for each scenario a stream of mixed business commands runs
 * through the gateway, the fault is injected in the middle and healed, a flow through every app
 * is timed until it completes (the time to recover), and once the load ends the reconciliation
 * must find nothing lost, duplicated beyond redelivery, or drifted; every command the system
 * accepted must be in its write model. One system (its own broker and engine, persistent, on
 * ports of its own) serves every scenario in turn, so each also proves the previous one left
 * nothing behind. The table of figures is printed at the end and kept in tmp/faults/.
 */
describe('the whole system under faults', () => {
  const saved = { ...process.env };
  mkdirSync(path.join(repoRoot, 'tmp', 'faults'), { recursive: true });
  const dataDir = mkdtempSync(path.join(repoRoot, 'tmp', 'faults', 'infra-'));
  const lines: string[] = [];
  // Everything the system and the suite said, in full, for a failed scenario's post-mortem.
  const logFile = path.join(repoRoot, 'tmp', 'faults', 'system.log');
  writeFileSync(logFile, '');
  const log = (line: string) => {
    const stamped = `${new Date().toISOString()} ${line}`;
    appendFileSync(logFile, `${stamped}\n`);
    lines.push(stamped);
    if (lines.length > 5_000) lines.splice(0, 2_500);
  };
  const rows: FaultRow[] = [];
  /** What the apps said that was not routine: the tail a failed scenario prints. */
  const notable = () =>
    lines
      .filter((line) => !/^\S+ gateway +\| \S+ INFO /.test(line))
      .slice(-80)
      .join('\n');
  let system: LocalSystem;
  let receiver: WebhookReceiver;
  let mongo: MongoClient;
  let ctx: FaultContext;
  let clerk: string;
  let risk: string;
  let previous: ReconcileReport | undefined;

  beforeAll(async () => {
    delete process.env.MONGO_URL;
    delete process.env.KAFKA_BROKERS;
    Object.assign(process.env, {
      INFRA_DATA_DIR: dataDir,
      KAFKA_PORT: '19792',
      KAFKA_CONTROLLER_PORT: '19793',
      MONGO_PORT: '27717',
      MONGO_PERSIST: 'true',
      LOG_LEVEL: 'warn',
    });
    system = await startSystem({ log, output: log, gatewayPort: 0, color: false });
    mongo = await MongoClient.connect(system.mongoUrl);
    ctx = {
      system,
      infra: infraControl(parseInfraConfig(), log),
      db: (service) => mongo.db(service),
      log,
    };
    const token = async (sub: string, roles: string[] = []) =>
      `Bearer ${await signToken({ sub, roles, secret: system.jwtSecret, expiresIn: '2h' })}`;
    clerk = await token('fault-clerk');
    risk = await token('fault-risk', ['risk']);
    const partner = await token('fault-partner', ['integrations']);
    receiver = await startWebhookReceiver();
    await subscribeToAll(system.gatewayUrl, partner, receiver.url, 'fault-suite');
  }, 300_000);

  afterAll(async () => {
    const table = formatFaultTable(rows);
    writeFileSync(path.join(repoRoot, 'tmp', 'faults', 'report.md'), `${table}\n`);
    writeFileSync(
      path.join(repoRoot, 'tmp', 'faults', 'report.json'),
      JSON.stringify(rows, null, 2),
    );
    process.stdout.write(`\nnpm run test:faults, per scenario:\n${table}\n\n`);
    await mongo?.close();
    await system?.stop();
    await receiver?.close();
    process.env = saved;
    // A failed run keeps the broker's and the engine's data and logs for the post-mortem.
    if (rows.every((row) => row.passed)) rmSync(dataDir, { recursive: true, force: true });
    else process.stdout.write(`the infrastructure's data and logs are kept in ${dataDir}\n`);
  }, 120_000);

  /** Versions the system accepted that its write model does not have. */
  const missing = async (accepted: AcceptedVersions): Promise<string[]> => {
    const check = async (db: string, collection: string, versions: Map<string, number>) => {
      const ids = [...versions.keys()];
      const found = await mongo
        .db(db)
        .collection<VersionedDocument>(collection)
        .find({ _id: { $in: ids } }, { projection: { _id: 1, version: 1 } })
        .toArray();
      const stored = new Map(found.map((d) => [String(d._id), d.version]));
      return ids.flatMap((id) =>
        (stored.get(id) ?? 0) < (versions.get(id) ?? 0)
          ? [
              `${db} ${id}: accepted version ${versions.get(id)}, stored ${stored.get(id) ?? 'none'}`,
            ]
          : [],
      );
    };
    return [
      ...(await check('customers', customersCollection, accepted.customers)),
      ...(await check('orders', ordersCollection, accepted.orders)),
    ];
  };

  const sum = (
    report: ReconcileReport | undefined,
    field: 'expected' | 'published' | 'duplicated' | 'lost' | 'parked',
  ) => (report?.services ?? []).reduce((total, s) => total + s[field], 0);

  // FAULTS=<text> runs only the scenarios whose name contains it (after the baseline).
  const only = process.env.FAULTS;
  const selected = scenarios.filter(
    (s, i) => i === 0 || only === undefined || s.name.includes(only),
  );

  it.each(selected.map((s) => [s.name, s] as const))(
    '%s: nothing is lost',
    async (name, scenario) => {
      log(`scenario ${name}: starting`);
      await scenario.prepare?.(ctx);
      const stopLoad = new AbortController();
      const load = runWorkload({
        gatewayUrl: system.gatewayUrl,
        webhookSecret: resolveWebhookSecrets()[0] as string,
        auth: { clerk, risk },
        until: stopLoad.signal,
      });
      let recoverMs: number | undefined;
      try {
        await sleep(loadBeforeMs);
        log(`scenario ${name}: injecting the fault`);
        await scenario.inject(ctx);
        const healedAt = Date.now();
        log(`scenario ${name}: fault over; probing a flow through every app`);
        const probeCounts = emptyCounts();
        recoverMs = await probeFlow({
          client: new RetryingClient({
            gatewayUrl: system.gatewayUrl,
            webhookSecret: resolveWebhookSecrets()[0] as string,
            counts: probeCounts,
          }),
          clerk,
          receiver,
          read: async <T>(p: string) => {
            const response = await fetch(`${system.gatewayUrl}${p}`, {
              headers: { authorization: clerk },
            });
            return response.status === 200 ? ((await response.json()) as T) : undefined;
          },
        });
        await sleep(Math.max(0, healedAt + loadAfterMs - Date.now()));
      } catch (error) {
        rows.push({
          scenario: name,
          ...emptyCounts(),
          expected: 0,
          published: 0,
          duplicated: 0,
          lost: 0,
          drifts: 0,
          parked: 0,
          recoverMs: undefined,
          passed: false,
        });
        process.stdout.write(`\n${name}: what the system said last:\n${notable()}\n`);
        throw error;
      } finally {
        // Journeys under way finish (a failed scenario's too, so none outlives the suite).
        stopLoad.abort();
        await load.catch(() => undefined);
      }
      const result = await load;
      const lostCommands = await missing(result.accepted);
      await scenario.verify?.(ctx);
      const report = await reconcile({
        mongoUrl: system.mongoUrl,
        kafkaBrokers: system.kafkaBrokers,
        settleTimeoutMs: 120_000,
        log,
      });
      const { counts } = result;
      const row: FaultRow = {
        scenario: name,
        sent: counts.sent,
        accepted: counts.accepted,
        refused: counts.refused,
        serverErrors: counts.serverErrors,
        gaveUp: counts.gaveUp,
        retries: counts.retries,
        expected: sum(report, 'expected') - sum(previous, 'expected'),
        published: sum(report, 'published') - sum(previous, 'published'),
        duplicated: sum(report, 'duplicated') - sum(previous, 'duplicated'),
        lost: sum(report, 'lost'),
        drifts: report.drifts.length,
        parked: sum(report, 'parked'),
        recoverMs,
        passed:
          report.ok &&
          lostCommands.length === 0 &&
          counts.serverErrors === 0 &&
          counts.gaveUp === 0,
      };
      rows.push(row);
      previous = report;
      log(`scenario ${name}: ${row.passed ? 'passed' : 'FAILED'}\n${formatReport(report)}`);
      if (!row.passed) {
        process.stdout.write(
          `\n${name}:\n${formatReport(report)}\n${counts.problems.slice(0, 20).join('\n')}\n` +
            `what the system said last:\n${notable()}\n`,
        );
      }

      expect(counts.problems).toEqual([]);
      expect(lostCommands).toEqual([]);
      expect(report.drifts).toEqual([]);
      expect(report.services.map((s) => [s.service, s.lost])).toEqual([
        ['customers', 0],
        ['orders', 0],
      ]);
      expect(report.ok).toBe(true);
      expect(counts.accepted).toBeGreaterThan(0);
    },
  );
});
