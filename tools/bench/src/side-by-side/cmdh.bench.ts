import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { signToken } from '@cqrs/framework-core';
import {
  components,
  parseInfraConfig,
  startLocalInfra,
  stateOf,
  useTestProfile,
} from '@cqrs/tools-infra';
import { discoverApps, selectApps } from '@cqrs/tools-workspace';
import { type LocalSystem } from '@cqrs/tools-dev';
import { cpuSeconds, residentMiB } from '../process-usage';
import { medianSpread, percentile } from '../stats';
import { sideBySideRow, writeBenchResult, type ReportRow } from './bench-result';
import { bundledApps } from './bundled-apps';
import { startChildScript } from './child-script';

/**
 * `npm run bench:cmdh`: customers-cmdh as its pod runs it (bundled, `node dist/main.js`), with the
 * V8 options of its Deployment and with none, beside a bare baseline (./baseline-server.ts) on
 * the same engine, for a create (`POST /customers`, a fresh email and Idempotency-Key per request) and an
 * update (`PATCH /customers/{id}`, of a customer no other request has in flight). autocannon with 16 connections,
 * BENCH_SECONDS (default 10) per run, BENCH_ROUNDS (default 3) rounds in which the two
 * alternate (the order turns each round), after one unmeasured warm-up run each. Prints the
 * median, min and max of requests per second, of CPU per request (the target process's and the
 * engine's) and of the target's resident memory at the end of a run, and the ratio of the
 * medians to the baseline's; the same as JSON in tmp/bench/cmdh.json. Asserts nothing.
 */
const log = (line: string) => console.log(`[bench] ${line}`);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = 16;

type Operation = 'create' | 'update';
interface Target {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** One customer per connection, for updates. */
  readonly customers: string[];
}
interface Run {
  readonly requestsPerSecond: number;
  readonly cpuMsPerRequest: number;
  readonly engineCpuMsPerRequest: number;
  readonly residentMiB: number;
  readonly failed: number;
}

async function startBaseline(mongoUrl: string, jwtSecret: string) {
  const script = await startChildScript(
    'baseline-server.ts',
    { MONGO_URL: mongoUrl, JWT_SECRET: jwtSecret },
    /^baseline listening on (?<port>\d+) pid (?<pid>\d+)$/,
  );
  return { ...script, url: `http://127.0.0.1:${script.ready.groups!.port}` };
}

async function main() {
  useTestProfile();
  const infra = await startLocalInfra(log);
  const apps = selectApps(discoverApps(), ['customers-cmdh']);
  const bundles = await bundledApps(apps, log);
  const systems: LocalSystem[] = [];
  let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined;
  try {
    for (const choice of ['deployment', 'none'] as const) {
      systems.push(await bundles.start(choice));
    }
    const [system, plain] = systems as [LocalSystem, LocalSystem];
    baseline = await startBaseline(system.mongoUrl, system.jwtSecret);
    const auth = `Bearer ${await signToken({ sub: 'bench', secret: system.jwtSecret, expiresIn: '1h' })}`;
    const engine = await stateOf(
      parseInfraConfig(),
      components.find((c) => c.name === 'mongo')!,
    );
    if (engine.state !== 'running') throw new Error('the engine is not running');
    const headers = { authorization: auth, 'content-type': 'application/json' };
    const register = async (url: string) => {
      const response = await fetch(`${url}/customers`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ name: 'Bench Customer', email: `${randomUUID()}@example.com` }),
      });
      if (response.status !== 201) throw new Error(`${url}: register answered ${response.status}`);
      return ((await response.json()) as { id: string }).id;
    };
    const targets: Target[] = [];
    for (const [name, url, pid] of [
      ['customers-cmdh', system.apps[0]!.url, system.control.pids('customers-cmdh')[0]!],
      [
        'customers-cmdh, no V8 options',
        plain.apps[0]!.url,
        plain.control.pids('customers-cmdh')[0]!,
      ],
      ['baseline', baseline.url, baseline.pid],
    ] as const) {
      const customers = [];
      for (let i = 0; i < connections; i++) customers.push(await register(url));
      targets.push({ name, url, pid, customers });
    }

    const load = async (target: Target, operation: Operation): Promise<Run> => {
      // Updates take a customer no other request has in flight, so none loses a version race.
      const idle = [...target.customers];
      let edits = 0;
      const cpuBefore = { target: cpuSeconds(target.pid), engine: cpuSeconds(engine.pid) };
      const result = await autocannon({
        url: target.url,
        connections,
        duration: seconds,
        requests: [
          operation === 'create'
            ? {
                method: 'POST',
                path: '/customers',
                setupRequest: (request) => ({
                  ...request,
                  headers: { ...headers, 'idempotency-key': randomUUID() },
                  body: JSON.stringify({
                    name: 'Bench Customer',
                    email: `${randomUUID()}@example.com`,
                  }),
                }),
              }
            : {
                method: 'PATCH',
                setupRequest: (request, context: { id?: string }) => {
                  context.id = idle.pop();
                  return {
                    ...request,
                    path: `/customers/${context.id}`,
                    headers: { ...headers, 'idempotency-key': randomUUID() },
                    body: JSON.stringify({ name: `Bench Customer ${edits++}` }),
                  };
                },
                onResponse: (_status, _body, context: { id?: string }) => {
                  if (context.id) idle.push(context.id);
                },
              },
        ],
      });
      const served = result.requests.total;
      const perRequest = (from: number, to: number) => ((to - from) * 1000) / Math.max(1, served);
      return {
        requestsPerSecond: served / seconds,
        cpuMsPerRequest: perRequest(cpuBefore.target, cpuSeconds(target.pid)),
        engineCpuMsPerRequest: perRequest(cpuBefore.engine, cpuSeconds(engine.pid)),
        residentMiB: residentMiB(target.pid),
        failed: result.non2xx + result.errors + result.timeouts,
      };
    };

    const runs: Record<string, Run[]> = {};
    for (const operation of ['create', 'update'] as const) {
      for (const target of targets) {
        log(`warm-up: ${target.name} ${operation}`);
        await load(target, operation);
      }
      for (let round = 0; round < rounds; round++) {
        const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
        for (const target of order) {
          const run = await load(target, operation);
          (runs[`${operation} ${target.name}`] ??= []).push(run);
          log(
            `round ${round + 1}: ${operation} ${target.name} ${run.requestsPerSecond.toFixed(0)} req/s, ` +
              `${run.cpuMsPerRequest.toFixed(3)} ms CPU/req, engine ${run.engineCpuMsPerRequest.toFixed(3)}, ` +
              `${run.failed} failed`,
          );
        }
      }
    }

    const median = (key: string, figure: (run: Run) => number) =>
      percentile(runs[key]!.map(figure), 50);
    const rows = (['create', 'update'] as const).flatMap((operation) =>
      targets.map(({ name }) => {
        const key = `${operation} ${name}`;
        const list = runs[key]!;
        const ratio =
          median(key, (r) => r.requestsPerSecond) /
          median(`${operation} baseline`, (r) => r.requestsPerSecond);
        return [
          operation,
          name,
          medianSpread(
            list.map((r) => r.requestsPerSecond),
            0,
          ),
          ratio.toFixed(2),
          medianSpread(
            list.map((r) => r.cpuMsPerRequest),
            3,
          ),
          medianSpread(
            list.map((r) => r.engineCpuMsPerRequest),
            3,
          ),
          medianSpread(
            list.map((r) => r.residentMiB),
            0,
          ),
          String(list.reduce((sum, r) => sum + r.failed, 0)),
        ];
      }),
    );
    const table = [
      '| operation | process | req/s | ratio to baseline | CPU ms/req | engine CPU ms/req | RSS MiB under load | failed |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map((row) => `| ${row.join(' | ')} |`),
    ].join('\n');
    console.log(
      `\n${connections} connections, ${seconds} s per run, ${rounds} alternating rounds; median (min-max)\n\n${table}\n`,
    );
    const reportRows: ReportRow[] = (['create', 'update'] as const).flatMap((operation) => {
      const base = runs[`${operation} baseline`]!;
      const row = (
        name: string,
        what: string,
        of: (run: Run) => number,
        digits: number,
        target?: string,
      ) =>
        sideBySideRow(
          `cmdh ${operation}${name === 'customers-cmdh' ? '' : ' (no V8 options)'}: ${what}`,
          runs[`${operation} ${name}`]!,
          base,
          of,
          digits,
          target,
        );
      return [
        row('customers-cmdh', 'req/s', (r) => r.requestsPerSecond, 0, 'ratio >= 0.85'),
        row('customers-cmdh', 'CPU ms/req', (r) => r.cpuMsPerRequest, 3),
        row('customers-cmdh', 'engine CPU ms/req', (r) => r.engineCpuMsPerRequest, 3),
        row('customers-cmdh', 'RSS MiB under load', (r) => r.residentMiB, 0),
        row('customers-cmdh, no V8 options', 'req/s', (r) => r.requestsPerSecond, 0),
      ];
    });
    writeBenchResult('cmdh', reportRows, { seconds, rounds, connections, runs });
  } finally {
    await baseline?.stop();
    for (const system of systems) await system.stop();
    await infra.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
