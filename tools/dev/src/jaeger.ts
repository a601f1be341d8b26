import { startTracingBackend } from './system/tracing-backend';

/**
 * `npm run jaeger`: Jaeger alone (what `npm start -- --tracing` runs beside the apps), until
 * Ctrl-C; prints the `OTEL_*` variables that make an app, or a benchmark's apps, export to it.
 */
async function main(): Promise<void> {
  const { jaeger, env } = await startTracingBackend({ log: (line) => console.log(line) });
  console.log(`Jaeger UI and query API: ${jaeger.url} (log: ${jaeger.logFile})`);
  console.log('Export to it with:');
  for (const [name, value] of Object.entries(env)) console.log(`  export ${name}=${value}`);
  await new Promise((resolve) => {
    process.once('SIGINT', resolve).once('SIGTERM', resolve);
  });
  await jaeger.stop();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
