import { discoverApps } from '@cqrs/tools-workspace';
import { bundledApps } from './bundled-apps';

/**
 * The whole system for `bench:system`, in a process of its own so the bench can measure the
 * gateway's CPU apart from its own load generator and consumers: every app bundled as its pod
 * runs it, with its Deployment's V8 options, and the gateway, as `npm start` runs them (on
 * infrastructure the bench started). Prints `system ready pid <pid> <json>` (URLs,
 * secrets, every app's pid); stops everything on SIGTERM.
 */
async function main() {
  const apps = discoverApps();
  const bundles = await bundledApps(apps, () => undefined);
  const system = await bundles.start('deployment');
  process.once('SIGTERM', () => {
    system.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  console.log(
    `system ready pid ${process.pid} ${JSON.stringify({
      gatewayUrl: system.gatewayUrl,
      jwtSecret: system.jwtSecret,
      mongoUrl: system.mongoUrl,
      kafkaBrokers: system.kafkaBrokers,
      apps: system.apps.map((app) => ({
        name: app.name,
        url: app.url,
        pid: system.control.pids(app.name)[0],
      })),
    })}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
