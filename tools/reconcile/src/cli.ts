import { parseArgs } from 'node:util';
import { parseInfraConfig } from '@cqrs/tools-infra';
import { formatReport } from './format-report';
import { allServices, reconcile } from './reconcile';
import type { ServiceName } from './report';

const usage = `usage: npm run reconcile [-- options]

Compares a running system's write models with their topics, audit trails, read models, webhook
deliveries and each other, and prints every drift with its aggregate id. Read-only. Exit code 0
when nothing drifted, 1 when something did, 2 on bad usage or when it cannot connect.
  --service NAME     customers or orders (repeatable; default both; the checks between the two
                     services run only when both are named)
  --mongo-url URL    default: MONGO_URL, else the local engine (tools/infra)
  --brokers LIST     default: KAFKA_BROKERS, else the local broker (tools/infra)
  --timeout S        how long to wait for the consumer groups to catch up and drift in flight
                     to settle (default 60)
  --stuck-after S    a delivery whose claim lapsed longer ago than this is stuck (default 60)
  --json             the whole report as JSON instead of the table
For the local cluster's system (tools/cluster), pass its forwarded engine and Kafka addresses.`;

class UsageError extends Error {}

function seconds(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback * 1000;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`--${name} needs a number of seconds, got ${value}`);
  return n * 1000;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      service: { type: 'string', multiple: true },
      'mongo-url': { type: 'string' },
      brokers: { type: 'string' },
      timeout: { type: 'string' },
      'stuck-after': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const services = (values.service ?? [...allServices]).map((name) => {
    if (!(allServices as readonly string[]).includes(name)) {
      throw new UsageError(`unknown service ${name}; known: ${allServices.join(', ')}`);
    }
    return name as ServiceName;
  });
  const infra = parseInfraConfig();
  const report = await reconcile({
    mongoUrl: values['mongo-url'] ?? process.env.MONGO_URL ?? infra.mongo.url,
    kafkaBrokers: values.brokers ?? process.env.KAFKA_BROKERS ?? infra.kafka.brokers,
    services,
    settleTimeoutMs: seconds(values.timeout, 'timeout', 60),
    stuckAfterMs: seconds(values['stuck-after'], 'stuck-after', 60),
    log: (line) => console.error(`[reconcile] ${line}`),
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`reconcile: ${error instanceof Error ? error.message : String(error)}`);
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error("run 'npm run reconcile -- --help' for usage");
    }
    process.exitCode = 2;
  },
);
