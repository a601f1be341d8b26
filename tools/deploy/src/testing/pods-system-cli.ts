import { podNetwork } from '@cqrs/tools-cluster';
import { LOCAL_WEBHOOK_SECRET } from '@cqrs/tools-workspace';
import { deployLocalClusterSystem } from './local-cluster-system';

/**
 * The pods tier's system, as a process: deploys the whole system to the local cluster, prints
 * one JSON line on stdout with the environment the suites read (`E2E_*`, see
 * tools/e2e/src/system.ts, so the end-to-end suites run unchanged against the cluster's
 * gateway), keeps its port forwards open, and on SIGTERM closes them and stops the cluster if
 * it started it. Progress goes to stderr. Jest's global setup starts it (pods-global-setup.ts).
 */
async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[pods] ${line}\n`);
  const system = await deployLocalClusterSystem(log);
  const { endpoints, layout } = system.session;
  const env = {
    KUBECONFIG: layout.kubeconfig,
    PODS_IMAGE_TAG: system.tag,
    E2E_GATEWAY_URL: endpoints.gatewayUrl,
    E2E_JWT_SECRET: endpoints.jwtSecret,
    E2E_KAFKA_BROKERS: endpoints.kafkaBrokers,
    E2E_MONGO_URL: endpoints.mongoUrl,
    E2E_APP_URLS: system.appUrls.map((a) => `${a.name}=${a.url}`).join(','),
    // The providers' secret the cluster's extevh apps accept (installLocalAddons).
    WEBHOOK_SECRETS: LOCAL_WEBHOOK_SECRET,
    // Pods reach the host only on the bridge: partners' test receivers listen there.
    WEBHOOK_RECEIVER_HOST: podNetwork.hostAddress,
  };
  process.stdout.write(`${JSON.stringify(env)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await system.stop();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
