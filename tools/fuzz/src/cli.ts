import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { riskRole } from '@cqrs/customers-shared';
import { signToken } from '@cqrs/framework-core';
import { repoRoot } from '@cqrs/tools-infra';
import { allRoutes } from '@cqrs/tools-workspace';
import { startSystem } from '@cqrs/tools-dev';
import { fuzzEnvironment } from './fuzz-environment';
import { fuzzRoles } from './fuzz-roles';
import { schemathesisArgs } from './schemathesis-command';
import { ensureSchemathesis } from './schemathesis-venv';

const usage = `usage: npm run test:fuzz [-- options] [-- schemathesis options]

Starts the whole system on its own infrastructure and ports, then runs schemathesis (every
check, every phase) against the gateway from openapi.yaml with a token holding every role.
Exit code: schemathesis's (0 when it found nothing), 2 when the system could not start.
  --max-examples N   test cases per operation and phase (default 30)
The apps' output goes to tmp/fuzz/system.log, the reports to tmp/fuzz/report.
Anything after a second -- goes to \`schemathesis run\`, e.g. -- --seed 1.
Environment: KAFKA_PORT (19192), KAFKA_CONTROLLER_PORT (19193), MONGO_PORT (27117),
INFRA_DATA_DIR (tmp/fuzz-infra), FUZZ_GATEWAY_PORT (18480), FUZZ_BASE_PORT (3600).`;

const workDir = path.join(repoRoot, 'tmp', 'fuzz');
const fuzzInfraDir = path.join(repoRoot, 'tmp', 'fuzz-infra');
const log = (line: string) => console.error(`[fuzz] ${line}`);

function runSchemathesis(program: string, args: readonly string[]): Promise<number> {
  const child = spawn(program, args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, SCHEMATHESIS_HOOKS: path.join(repoRoot, 'tools', 'fuzz', 'hooks.py') },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  return new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const split = argv.indexOf('--');
  const own = split === -1 ? argv : argv.slice(0, split);
  const extra = split === -1 ? [] : argv.slice(split + 1);
  const { values } = parseArgs({
    args: [...own],
    options: {
      'max-examples': { type: 'string', default: '30' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const maxExamples = Number(values['max-examples']);
  if (!Number.isInteger(maxExamples) || maxExamples < 1)
    throw new Error('--max-examples needs a positive whole number');

  const started = Date.now();
  const environment = fuzzEnvironment(process.env, fuzzInfraDir);
  Object.assign(process.env, environment.infra);
  // Every run starts from empty infrastructure: its own data directory, wiped unless named.
  if (process.env.INFRA_DATA_DIR === fuzzInfraDir)
    rmSync(fuzzInfraDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const schemathesis = ensureSchemathesis(path.join(repoRoot, 'tmp', 'fuzz-venv'), log);

  // The apps' output would drown schemathesis's; it goes to a file to read after a failure.
  const systemLog = path.join(workDir, 'system.log');
  const logFile = createWriteStream(systemLog);
  log(`starting the system (apps' output in ${path.relative(process.cwd(), systemLog)})`);
  const system = await startSystem({
    log,
    gatewayPort: environment.gatewayPort,
    basePort: environment.basePort,
    output: (line) => void logFile.write(`${line}\n`),
    color: false,
  });
  const stopOnSignal = () => void system.stop();
  process.once('SIGINT', stopOnSignal).once('SIGTERM', stopOnSignal);
  try {
    const roles = fuzzRoles(allRoutes, [riskRole]);
    const token = await signToken({
      sub: 'schemathesis',
      roles,
      secret: system.jwtSecret,
      expiresIn: '2h',
    });
    log(`gateway ${system.gatewayUrl}; token roles ${roles.join(', ')}`);
    const code = await runSchemathesis(
      schemathesis,
      schemathesisArgs({
        document: 'openapi.yaml',
        url: system.gatewayUrl,
        token,
        maxExamples,
        reportDir: path.join(workDir, 'report'),
        configFile: path.join(repoRoot, 'tools', 'fuzz', 'schemathesis.toml'),
        extra,
      }),
    );
    return code;
  } finally {
    log('stopping the system');
    await system.stop();
    logFile.end();
    log(`took ${Math.round((Date.now() - started) / 1000)} s`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
