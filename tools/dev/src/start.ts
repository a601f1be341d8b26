import { startLocalInfra } from '@cqrs/tools-infra';

/**
 * `npm start`: the whole system on one machine. Today that is the infrastructure; it prints
 * where everything runs and keeps it up until Ctrl-C, then stops what it started.
 */
async function main(): Promise<void> {
  const infra = await startLocalInfra((line) => console.log(`[infra] ${line}`));
  console.log('');
  console.log('CQRS+ is up:');
  console.log(`  Kafka brokers   ${process.env.KAFKA_BROKERS}`);
  console.log(`  MongoDB URL     ${process.env.MONGO_URL}`);
  console.log(`  data and logs   ${infra.config.dataDir}`);
  console.log('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve).once('SIGTERM', resolve);
  });
  console.log('\nstopping...');
  await infra.stop();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
