import { repoRoot } from '@cqrs/tools-infra';
import { parseDeployArgs, usage, UsageError } from './cli-args';
import { deploy } from './deploy/deploy';
import { connectCluster } from './kube/connect-cluster';

/** `npm run deploy -- ...`: see `usage`. Exit 0 when everything rolled out, 1 when not, 2 on bad usage. */
async function main(argv: readonly string[]): Promise<number> {
  const request = parseDeployArgs(argv);
  if (request === 'help') {
    console.log(usage);
    return 0;
  }
  const { cluster, context, server } = connectCluster({
    ...(request.context !== undefined ? { context: request.context } : {}),
    ...(request.kubeconfig !== undefined ? { kubeconfig: request.kubeconfig } : {}),
  });
  const log = (line: string) => console.error(`[deploy] ${line}`);
  log(`context ${context} (${server})`);
  const report = await deploy({
    request,
    root: repoRoot,
    cluster,
    log,
    print: (text) => console.log(text),
  });
  for (const outcome of report.outcomes) {
    if (outcome.ok) console.log(`${outcome.app}: deployed`);
    else {
      console.error(
        `${outcome.app}: FAILED: ${outcome.reason}${outcome.rolledBack ? ' (rolled back to the previous template)' : ' (NOT rolled back)'}`,
      );
    }
  }
  if (report.skipped.length > 0) console.error(`not deployed: ${report.skipped.join(', ')}`);
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`deploy: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) console.error("run 'npm run deploy -- --help' for usage");
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
