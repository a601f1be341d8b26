/**
 * `npm run -s alerts:check` (Nx: `tools-deploy:check-alerts`, a step of `npm test`): checks the
 * Prometheus alerting rules in deploy/alerts with promtool, then runs their unit tests.
 *
 *   promtool check rules deploy/alerts/*.rules.yaml   syntax, PromQL, templates, duplicate names
 *   promtool test rules  deploy/alerts/*.test.yaml    input series -> expected alerts, per rule
 *
 * promtool is built from the Go module proxy on first use and cached outside git
 * (promtool-binary.ts). `--print-path` only builds it and prints its path.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@cqrs/tools-infra';
import { ensurePromtoolBinary } from './promtool-binary';

const log = (line: string): void => console.log(`[alerts] ${line}`);

async function main(args: readonly string[]): Promise<number> {
  const promtool = await ensurePromtoolBinary(log);
  if (args.includes('--print-path')) {
    console.log(promtool);
    return 0;
  }
  const dir = path.join(repoRoot, 'deploy/alerts');
  const files = readdirSync(dir).sort();
  const ruleFiles = files.filter((f) => f.endsWith('.rules.yaml')).map((f) => `deploy/alerts/${f}`);
  const testFiles = files.filter((f) => f.endsWith('.test.yaml')).map((f) => `deploy/alerts/${f}`);
  if (ruleFiles.length === 0 || testFiles.length === 0) {
    console.error(`[alerts] deploy/alerts needs *.rules.yaml and *.test.yaml files`);
    return 1;
  }
  for (const command of [
    ['check', 'rules', ...ruleFiles],
    ['test', 'rules', ...testFiles],
  ]) {
    console.log(`$ promtool ${command.join(' ')}`);
    const result = spawnSync(promtool, command, { cwd: repoRoot, stdio: 'inherit' });
    if (result.error) throw result.error;
    if (result.status !== 0) {
      console.error(`[alerts] promtool ${command.slice(0, 2).join(' ')} failed`);
      return result.status ?? 1;
    }
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[alerts] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
