import { execFile } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { signToken } from '@cqrs/framework-core';
import { runWorkload, startWebhookReceiver, subscribeToAll } from '@cqrs/tools-faults';
import { appSettings, loadValues } from '@cqrs/tools-deploy';
import { components, parseInfraConfig, repoRoot, stateOf } from '@cqrs/tools-infra';
import { resolveWebhookSecrets } from '@cqrs/tools-workspace';
import { startSystem } from '@cqrs/tools-dev';
import { cpuSeconds, histogramLiveBytes, residentMiB } from '../process-usage';
import { percentile } from '../stats';
import { soakTables } from './report';
import type { SoakMinute } from './verdict';
import { quantityMiB, soakVerdict } from './verdict';

/**
 * `npm run soak -- [--minutes N] [--rate R] [--warmup M]`: the whole system (every app behind
 * the gateway, on its own broker and persistent engine) under mixed business load for N minutes
 * (default 10): registrations, KYC webhooks, orders, payment webhooks, blocks and unblocks, from
 * journeys as the fault suite's, paced to R sends per second (default: half the capacity
 * measured first, 20 s at full speed). Prints one row per minute (requests, errors, p50/p99,
 * the engine's live heap (the live objects of a full collection, `jcmd <pid> GC.class_histogram`,
 * whose pause is left out of the latencies) and resident memory,
 * journal entries, change-stream lag, CPU per request of the engine and of the whole system,
 * documents examined per request, collection scans) and every app's resident memory and live
 * heap (V8's heap after its last full collection, from its /metrics) per minute;
 * passes (exit 0) with zero errors and live heaps flat after the warm-up, and warns of an app
 * whose resident memory passed its Deployment's memory limit (soak/verdict.ts). The report
 * is also in tmp/soak/report.md and report.json; the apps' output in tmp/soak/system.log.
 */
const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string' },
    warmup: { type: 'string' },
  },
});
const minutes = Number(args.minutes);
const warmupMinutes = Number(args.warmup ?? Math.min(3, Math.floor(minutes / 2)));
if (!Number.isInteger(minutes) || minutes < 2 || !(warmupMinutes >= 1 && warmupMinutes < minutes)) {
  throw new Error('--minutes must be an integer >= 2, --warmup at least 1 and below it');
}

const outDir = path.join(repoRoot, 'tmp', 'soak');
const run = promisify(execFile);
const say = (line: string) => process.stdout.write(`[soak] ${line}\n`);

/** A pacer: each call waits for the next of `perSecond` evenly spaced slots (no catching up). */
function pacer(perSecond: number): () => Promise<void> {
  const interval = 1000 / perSecond;
  let next = performance.now();
  return async () => {
    const slot = Math.max(next, performance.now());
    next = slot + interval;
    const wait = slot - performance.now();
    if (wait > 0) await sleep(wait);
  };
}

interface EngineSample {
  readonly residentMiB: number;
  readonly journalEntries: number;
  readonly streamLagEntries: number;
  readonly examined: number;
  readonly collectionScans: number;
}

/**
 * The engine's figures from `serverStatus`. A server without a figure (a real MongoDB has no
 * `engine` section; an older engine neither counters) gives NaN for it.
 */
async function engineSample(mongo: MongoClient): Promise<EngineSample> {
  const status = await mongo.db('admin').command({ serverStatus: 1 });
  const at = (...path: string[]) =>
    Number(
      path.reduce<unknown>(
        (value, key) => (value as Record<string, unknown> | undefined)?.[key],
        status,
      ) ?? NaN,
    );
  return {
    residentMiB: at('mem', 'resident'),
    journalEntries: at('engine', 'journal', 'entries'),
    streamLagEntries: at('engine', 'changeStreams', 'maxBehind'),
    examined: at('metrics', 'queryExecutor', 'scannedObjects'),
    collectionScans: at('metrics', 'queryExecutor', 'collectionScans', 'total'),
  };
}

/** An app's live heap from its `/metrics` (`nodejs_heap_live_bytes`), MiB; NaN if it has none yet. */
async function liveHeapMiB(appUrl: string): Promise<number> {
  try {
    const text = await (await fetch(`${appUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('nodejs_heap_live_bytes'));
    const bytes = Number(line?.split(' ').at(-1));
    // 0 until the app's first full collection.
    return bytes > 0 ? Math.round(bytes / 2 ** 20) : NaN;
  } catch {
    return NaN;
  }
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(path.join(outDir, 'infra-'));
  const logFile = path.join(outDir, 'system.log');
  writeFileSync(logFile, '');
  const log = (line: string) => appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
  delete process.env.MONGO_URL;
  delete process.env.KAFKA_BROKERS;
  Object.assign(process.env, {
    INFRA_DATA_DIR: dataDir,
    KAFKA_PORT: '19892',
    KAFKA_CONTROLLER_PORT: '19893',
    MONGO_PORT: '27817',
    MONGO_PERSIST: 'true',
    LOG_LEVEL: 'warn',
  });
  say(`starting the system (infrastructure in ${path.relative(repoRoot, dataDir)})`);
  const system = await startSystem({ log, output: log, gatewayPort: 0, color: false });
  const mongo = await MongoClient.connect(system.mongoUrl);
  const receiver = await startWebhookReceiver();
  let passed = false;
  try {
    const token = async (sub: string, roles: string[] = []) =>
      `Bearer ${await signToken({ sub, roles, secret: system.jwtSecret, expiresIn: '12h' })}`;
    const auth = { clerk: await token('soak-clerk'), risk: await token('soak-risk', ['risk']) };
    await subscribeToAll(
      system.gatewayUrl,
      await token('soak-partner', ['integrations']),
      receiver.url,
      'soak',
    );
    const workload = {
      gatewayUrl: system.gatewayUrl,
      webhookSecret: resolveWebhookSecrets()[0] as string,
      auth,
    };

    // Capacity: 16 journeys with no pause, sends counted after 5 s of warm-up, for 20 s.
    let counted = 0;
    let counting = false;
    const probeStop = new AbortController();
    const probe = runWorkload({
      ...workload,
      concurrency: 16,
      pauseMs: 0,
      until: probeStop.signal,
      onSend: () => {
        if (counting) counted++;
      },
    });
    await sleep(5_000);
    counting = true;
    const probeFrom = performance.now();
    await sleep(20_000);
    counting = false;
    const capacity = (counted * 1000) / (performance.now() - probeFrom);
    probeStop.abort();
    await probe;
    const rate =
      args.rate === undefined ? Math.max(1, Math.round(capacity / 2)) : Number(args.rate);
    say(`capacity ${capacity.toFixed(0)} sends/s; soaking at ${rate}/s for ${minutes} min`);

    // The soak: per-minute buckets of sends; the engine and the apps sampled at each minute's end.
    let bucket = { requests: 0, errors: 0, latencies: [] as number[] };
    /** The last measuring collection (its end Infinity while it runs). */
    let pause = { from: Infinity, to: Infinity };
    const stop = new AbortController();
    const running = runWorkload({
      ...workload,
      concurrency: 64,
      until: stop.signal,
      pace: pacer(rate),
      onSend: (ms, status) => {
        bucket.requests++;
        if (status === 0 || status >= 500) bucket.errors++;
        // A send the measuring collection paused tells about jcmd, not about the system.
        const end = performance.now();
        if (!(end - ms < pause.to && end > pause.from)) bucket.latencies.push(ms);
      },
    });
    const rows: SoakMinute[] = [];
    const infraPids = await Promise.all(
      components.map(async (component) => {
        const state = await stateOf(parseInfraConfig(), component);
        return { name: component.name, pid: state.state === 'running' ? state.pid : undefined };
      }),
    );
    const enginePid = infraPids.find((p) => p.name === 'mongo')?.pid;
    /** CPU seconds so far: the engine's, and every process's of the system but the gateway's. */
    const cpu = () => {
      const pids = [
        ...infraPids.map((p) => p.pid),
        ...system.apps.flatMap(({ name }) => system.control.pids(name)),
      ].filter((pid): pid is number => pid !== undefined);
      return {
        engine: enginePid === undefined ? NaN : cpuSeconds(enginePid),
        system: pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
      };
    };
    let cpuBefore = cpu();
    let previous = await engineSample(mongo);
    const startedAt = performance.now();
    for (let minute = 1; minute <= minutes; minute++) {
      await sleep(Math.max(0, startedAt + minute * 60_000 - performance.now()));
      const done = bucket;
      bucket = { requests: 0, errors: 0, latencies: [] };
      const cpuNow = cpu();
      // The live heap: what a full collection leaves (one pause a minute, whose sends onSend drops).
      let engineLiveBytes = NaN;
      if (enginePid !== undefined) {
        pause = { from: performance.now(), to: Infinity };
        const histogram = await run('jcmd', [String(enginePid), 'GC.class_histogram'], {
          maxBuffer: 64 * 2 ** 20,
        });
        engineLiveBytes = histogramLiveBytes(histogram.stdout);
        pause = { ...pause, to: performance.now() };
      }
      const sample = await engineSample(mongo);
      const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, done.requests);
      const appResidentMiB = Object.fromEntries(
        system.apps.map(({ name }) => {
          const pid = system.control.pids(name)[0];
          return [name, pid === undefined ? NaN : Math.round(residentMiB(pid))];
        }),
      );
      const appLiveHeapMiB = Object.fromEntries(
        await Promise.all(
          system.apps.map(async ({ name, url }) => [name, await liveHeapMiB(url)] as const),
        ),
      );
      const row: SoakMinute = {
        minute,
        requests: done.requests,
        errors: done.errors,
        p50Ms: percentile(done.latencies, 50),
        p99Ms: percentile(done.latencies, 99),
        engineLiveHeapMiB: Math.round(engineLiveBytes / 2 ** 20),
        engineResidentMiB: sample.residentMiB,
        journalEntries: sample.journalEntries,
        streamLagEntries: sample.streamLagEntries,
        engineCpuMsPerRequest: perRequest(cpuNow.engine - cpuBefore.engine),
        systemCpuMsPerRequest: perRequest(cpuNow.system - cpuBefore.system),
        examinedPerRequest: (sample.examined - previous.examined) / Math.max(1, done.requests),
        collectionScans: sample.collectionScans - previous.collectionScans,
        appResidentMiB,
        appLiveHeapMiB,
      };
      previous = sample;
      cpuBefore = cpuNow;
      rows.push(row);
      say(
        `minute ${minute}: ${row.requests} requests, ${row.errors} errors, p50 ${row.p50Ms.toFixed(1)} ms, ` +
          `p99 ${row.p99Ms.toFixed(1)} ms, engine live heap ${row.engineLiveHeapMiB} MiB, ` +
          `resident ${row.engineResidentMiB} MiB, lag ${row.streamLagEntries} entries`,
      );
    }
    stop.abort();
    await running;

    const values = loadValues([path.join(repoRoot, 'deploy', 'values.yaml')]);
    const residentLimitMiB = Object.fromEntries(
      system.apps.flatMap(({ name }) => {
        const [service = '', role = ''] = name.split(/-(?=[^-]+$)/);
        const limit = appSettings(values, { name, service, role }).resources.limits.memory;
        return limit === undefined ? [] : [[name, quantityMiB(limit)]];
      }),
    );
    const verdict = soakVerdict(rows, warmupMinutes, residentLimitMiB);
    passed = verdict.passed;
    const tables = soakTables(rows);
    const summary = [
      `capacity ${capacity.toFixed(0)} sends/s, soaked at ${rate}/s for ${minutes} min (warm-up ${warmupMinutes} min)`,
      '',
      tables.minutes,
      '',
      'Resident memory per app (MiB), per minute:',
      '',
      tables.apps,
      '',
      'Live heap per app (MiB, V8 heap after its last full collection), per minute:',
      '',
      tables.liveHeaps,
      '',
      verdict.passed
        ? 'PASS: zero errors, live heaps flat after warm-up'
        : `FAIL: ${verdict.reasons.join('; ')}`,
      ...verdict.warnings.map((warning) => `WARNING: ${warning}`),
    ].join('\n');
    writeFileSync(path.join(outDir, 'report.md'), `${summary}\n`);
    writeFileSync(
      path.join(outDir, 'report.json'),
      JSON.stringify({ capacity, rate, minutes, warmupMinutes, rows, verdict }, null, 2),
    );
    process.stdout.write(`\n${summary}\n`);
  } finally {
    await mongo.close();
    await system.stop();
    await receiver.close();
    // A failed soak keeps the broker's and the engine's data and logs.
    if (passed) rmSync(dataDir, { recursive: true, force: true });
    else say(`the infrastructure's data and logs are kept in ${dataDir}`);
  }
  process.exitCode = passed ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
