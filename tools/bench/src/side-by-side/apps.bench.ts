import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { components, startLocalInfra, stateOf, useTestProfile } from '@cqrs/tools-infra';
import { discoverApps } from '@cqrs/tools-workspace';
import { cpuSeconds, residentMiB } from '../process-usage';
import { medianSpread, percentile } from '../stats';
import { ratioOf, writeBenchResult, type ReportRow } from './bench-result';
import { bundledApps, type NodeOptionsChoice } from './bundled-apps';

/**
 * `npm run bench:apps`: every app as its pod runs it (bundled, `node dist/main.js`, production
 * dependencies only), beside bare Node (an http server answering `/readyz`), with the V8 options
 * of its Deployment and with none, in alternating rounds (BENCH_ROUNDS, default 3). Each round
 * starts the whole system, lets it settle (BENCH_SETTLE_SECONDS, default 20), then measures over
 * BENCH_IDLE_SECONDS (default 30) each app's resident memory at the end and its CPU, the engine's
 * and the broker's, with no traffic; then restarts each app alone and times it from spawn to
 * `/readyz` 200. Prints median (min-max) per app; JSON in tmp/bench/apps.json. Asserts nothing.
 */
const log = (line: string) => console.log(`[bench] ${line}`);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const settleSeconds = Number(process.env.BENCH_SETTLE_SECONDS ?? 20);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 30);

interface Sample {
  readonly residentMiB: number;
  /** Percent of one core over the idle window. */
  readonly idleCpuPercent: number;
  readonly readyMs: number;
}
type Samples = Record<string, Sample[]>;

const bare = 'bare Node';
const bareServer = `require('node:http').createServer((q, s) => s.end('ok')).listen(+process.env.PORT, '127.0.0.1', () => console.log('listening'))`;

/** Bare Node: spawn to listening, then its resident memory and CPU over the same idle window. */
async function startBare() {
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', bareServer], {
    env: { PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare Node exited with ${code}`)));
  });
  return { child, pid: child.pid as number, readyMs: performance.now() - started };
}

async function main() {
  useTestProfile();
  const infra = await startLocalInfra(log);
  try {
    const apps = discoverApps();
    const bundles = await bundledApps(apps, log);
    const config = infra.config;
    const infraPids = async () =>
      Promise.all(
        components.map(async (c) => {
          const state = await stateOf(config, c);
          if (state.state !== 'running') throw new Error(`${c.name} is not running`);
          return { name: c.name, pid: state.pid };
        }),
      );
    const samples: Record<NodeOptionsChoice, Samples> = { deployment: {}, none: {} };
    const systemIdle: Record<NodeOptionsChoice, number[]> = { deployment: [], none: [] };

    for (let round = 0; round < rounds; round++) {
      const order: NodeOptionsChoice[] =
        round % 2 === 0 ? ['deployment', 'none'] : ['none', 'deployment'];
      for (const choice of order) {
        log(
          `round ${round + 1}: ${choice === 'deployment' ? 'Deployment V8 options' : 'no V8 options'}`,
        );
        const system = await bundles.start(choice);
        const baseline = await startBare();
        try {
          await sleep(settleSeconds * 1000);
          const watched = [
            ...system.apps.map((a) => ({ name: a.name, pid: system.control.pids(a.name)[0]! })),
            { name: bare, pid: baseline.pid },
            ...(await infraPids()),
          ];
          const before = watched.map((w) => cpuSeconds(w.pid));
          await sleep(idleSeconds * 1000);
          const cpu = watched.map((w, i) => ((cpuSeconds(w.pid) - before[i]!) / idleSeconds) * 100);
          systemIdle[choice].push(
            cpu.filter((_, i) => watched[i]!.name !== bare).reduce((a, b) => a + b, 0),
          );
          const idle = new Map(
            watched.map((w, i) => [
              w.name,
              { residentMiB: residentMiB(w.pid), idleCpuPercent: cpu[i]! },
            ]),
          );
          for (const app of system.apps) {
            await system.control.kill(app.name, { signal: 'SIGTERM' });
            const started = performance.now();
            await system.control.restart(app.name);
            (samples[choice][app.name] ??= []).push({
              ...idle.get(app.name)!,
              readyMs: performance.now() - started,
            });
          }
          (samples[choice][bare] ??= []).push({ ...idle.get(bare)!, readyMs: baseline.readyMs });
          for (const c of components) {
            (samples[choice][c.name] ??= []).push({ ...idle.get(c.name)!, readyMs: NaN });
          }
        } finally {
          baseline.child.kill('SIGTERM');
          await system.stop();
        }
      }
    }

    const rows = Object.keys(samples.deployment).map((name) => {
      const d = samples.deployment[name]!;
      const n = samples.none[name]!;
      const app = apps.find((a) => a.name === name);
      return [
        name,
        medianSpread(
          d.map((s) => s.residentMiB),
          0,
        ),
        medianSpread(
          n.map((s) => s.residentMiB),
          0,
        ),
        medianSpread(
          d.map((s) => s.idleCpuPercent),
          2,
        ),
        medianSpread(
          n.map((s) => s.idleCpuPercent),
          2,
        ),
        medianSpread(
          d.map((s) => s.readyMs),
          0,
        ),
        medianSpread(
          n.map((s) => s.readyMs),
          0,
        ),
        app ? bundles.nodeOptions(app) || '-' : '-',
      ];
    });
    rows.push([
      'whole system (apps + engine + broker)',
      '',
      '',
      medianSpread(systemIdle.deployment, 1),
      medianSpread(systemIdle.none, 1),
      '',
      '',
      '',
    ]);
    const table = [
      '| process | idle RSS MiB, Deployment options | idle RSS MiB, none | idle CPU % of a core, Deployment options | idle CPU %, none | start to ready ms, Deployment options | start to ready ms, none | Deployment NODE_OPTIONS |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ...rows.map((row) => `| ${row.join(' | ')} |`),
    ].join('\n');
    console.log(
      `\n${rounds} alternating rounds, ${settleSeconds} s settle, ${idleSeconds} s idle window; median (min-max)\n\n${table}\n`,
    );
    const bareRuns = samples.deployment[bare]!;
    const spreadOf = (list: Sample[], of: (s: Sample) => number, digits: number) =>
      medianSpread(list.map(of), digits);
    const reportRows: ReportRow[] = [
      ...apps.map((app) => {
        const list = samples.deployment[app.name]!;
        return {
          what: `idle ${app.name}: RSS MiB; CPU % of a core; start to ready ms`,
          figure: [
            spreadOf(list, (s) => s.residentMiB, 0),
            spreadOf(list, (s) => s.idleCpuPercent, 2),
            spreadOf(list, (s) => s.readyMs, 0),
          ].join('; '),
          baseline: [
            spreadOf(bareRuns, (s) => s.residentMiB, 0),
            spreadOf(bareRuns, (s) => s.idleCpuPercent, 2),
            spreadOf(bareRuns, (s) => s.readyMs, 0),
          ].join('; '),
          ratio: ratioOf(
            percentile(
              list.map((s) => s.residentMiB),
              50,
            ),
            percentile(
              bareRuns.map((s) => s.residentMiB),
              50,
            ),
          ),
          target: '<= 60 MiB; -; <= 500 ms',
        };
      }),
      {
        what: 'idle whole system (apps + engine + broker): CPU % of a core, Deployment options vs none',
        figure: medianSpread(systemIdle.deployment, 1),
        baseline: medianSpread(systemIdle.none, 1),
        ratio: ratioOf(percentile(systemIdle.deployment, 50), percentile(systemIdle.none, 50)),
        target: '<= 3',
      },
    ];
    writeBenchResult('apps', reportRows, {
      rounds,
      settleSeconds,
      idleSeconds,
      samples,
      systemIdle,
    });
  } finally {
    await infra.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
