import { parseInfraConfig, reset } from '@cqrs/tools-infra';
import { discoverApps, selectApps } from '@cqrs/tools-workspace';
import { ansi, plain } from './logs/ansi';
import { startSystem, type RunningSystem } from './system/start-system';
import { startTracingBackend } from './system/tracing-backend';

const usage = `usage: npm start [-- [--fresh] [--tracing] <app or service>...]

Starts Kafka and the engine (unless running), the apps (all, or those named: customers-cmdh,
or customers for all of its apps) and the gateway in front of them; Ctrl-C stops everything.
Kafka's topics and the engine's data are kept together across restarts under INFRA_DATA_DIR
(default .infra).
  --fresh          wipe Kafka's topics and the engine's data first, together (as
                   \`npm run infra:reset\`); refused while they run (\`npm run infra:down\`)
  --tracing        also run Jaeger (built with go on first use; UI and query API on
                   127.0.0.1:16686, OTLP in on 127.0.0.1:4318) and have every app export its
                   traces to it (the apps' OTEL_* variables); JAEGER_UI_PORT, JAEGER_OTLP_PORT
  GATEWAY_PORT     the gateway's port (default 8080)
  APPS_BASE_PORT   apps get the first free ports from here up (default 3100)
  LOG_LEVEL        the apps' log level (default info)
  JWT_HS256_SECRET the token secret (default: a fixed local-only one)
  MONGO_PERSIST    false: engine in memory, Kafka's topics thrown away with it (default true)`;

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`${name}=${raw} is not a port number`);
  }
  return port;
}

/**
 * `npm start`: the whole system on one machine. Starts the infrastructure, every app and the
 * gateway, prints where everything runs, streams the apps' logs, and on Ctrl-C stops what it
 * started (a second Ctrl-C stops at once).
 */
async function main(argv: readonly string[]): Promise<void> {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return;
  }
  const fresh = args.includes('--fresh');
  const tracing = args.includes('--tracing');
  const names = args.filter((a) => a !== '--fresh' && a !== '--tracing');
  const unknownOption = names.find((a) => a.startsWith('-'));
  if (unknownOption !== undefined) throw new Error(`unknown option ${unknownOption}\n${usage}`);
  const color = process.stdout.isTTY === true;
  const dim = color ? ansi.dim : plain;
  const bold = color ? ansi.bold : plain;
  const log = (line: string) => console.log(dim(`[dev] ${line}`));

  const interrupted = new AbortController();
  const onSignal = () => {
    if (!interrupted.signal.aborted) {
      interrupted.abort(new Error('interrupted'));
      return;
    }
    console.error('\nstopping at once; apps are killed, infrastructure started here keeps running');
    console.error('(`npm run infra:down` stops it)');
    process.exit(130);
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);

  const gatewayPort = portFromEnv('GATEWAY_PORT', 8080);
  const basePort = portFromEnv('APPS_BASE_PORT', 3100);
  const found = discoverApps({ onSkip: (name, why) => log(`${name}: not started, ${why}`) });
  const apps = selectApps(found, names);
  if (apps.length === 0) log('no app to start yet; running the infrastructure and the gateway');
  if (fresh) {
    // Wiping one half while the other lives elsewhere would leave exactly the mismatch --fresh
    // exists to avoid.
    const external = ['MONGO_URL', 'KAFKA_BROKERS'].filter((v) => process.env[v]);
    if (external.length > 0) {
      throw new Error(
        `--fresh wipes the local Kafka and engine together; ${external.join(' and ')} point elsewhere, which it cannot wipe. Unset them or drop --fresh.`,
      );
    }
    await reset(parseInfraConfig(), log);
  }

  // Before the apps start: they inherit the OTEL_* variables that point them at Jaeger.
  const backend = tracing ? await startTracingBackend({ log }) : undefined;
  if (backend !== undefined) Object.assign(process.env, backend.env);

  let system: RunningSystem;
  try {
    system = await startSystem({ log, apps, gatewayPort, basePort, signal: interrupted.signal });
  } catch (error) {
    await backend?.jaeger.stop();
    if (interrupted.signal.aborted) {
      log('interrupted during start-up; everything started was stopped');
      process.exitCode = 130;
      return;
    }
    throw error;
  }

  const width = Math.max(15, ...system.apps.map((a) => a.name.length));
  const row = (label: string, value: string) => `  ${label.padEnd(width)} ${value}`;
  console.log('');
  console.log(bold('CQRS+ is up:'));
  console.log(row('gateway', bold(system.gatewayUrl)));
  for (const app of system.apps) console.log(row(app.name, app.url));
  if (backend !== undefined) console.log(row('traces (Jaeger)', bold(backend.jaeger.url)));
  console.log(row('Kafka brokers', system.kafkaBrokers));
  console.log(row('MongoDB URL', system.mongoUrl));
  const infra = parseInfraConfig();
  console.log(row('infra logs', infra.logDir));
  console.log(
    row(
      'infra state',
      infra.mongo.persist
        ? `kept in ${infra.dataDir} across restarts (\`npm start -- --fresh\` wipes it)`
        : 'thrown away when the engine stops (MONGO_PERSIST=false)',
    ),
  );
  console.log('');
  console.log('Get a token and call the API:');
  console.log('  TOKEN=$(npm run -s token -- --sub alice --roles operator)');
  console.log(`  curl -H "Authorization: Bearer $TOKEN" ${system.gatewayUrl}/...`);
  console.log('Press Ctrl-C to stop.');
  console.log('');

  if (!interrupted.signal.aborted) {
    await new Promise((resolve) => interrupted.signal.addEventListener('abort', resolve));
  }
  log('stopping...');
  await system.stop();
  await backend?.jaeger.stop();
  log('stopped');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
