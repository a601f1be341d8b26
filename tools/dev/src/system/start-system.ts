import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signToken } from '@cqrs/framework-core';
import { repoRoot, startLocalInfra, type InfraSession } from '@cqrs/tools-infra';
import type { DevApp } from '@cqrs/tools-workspace';
import {
  allRoutes,
  buildRouteTable,
  discoverApps,
  gatewayProbePaths,
  type GatewayRouteSource,
  resolveJwtSecret,
  resolveWebhookSecrets,
} from '@cqrs/tools-workspace';
import { createGateway } from '../gateway/create-gateway';
import { PrefixedOutput } from '../logs/prefixed-output';
import { appEnvironment, type PlacedApp } from './app-environment';
import { AppProcess, describeExit, type AppCommand } from './app-process';
import { freePorts, portFree } from './free-ports';
import { renderedGatewayLogger } from './rendered-gateway-logger';

export interface StartSystemOptions {
  /** The runner's own messages: infrastructure, start-up, unexpected exits, shutdown. */
  readonly log: (line: string) => void;
  /** The apps to run (default: every app `discoverApps` finds). */
  readonly apps?: readonly DevApp[];
  /** The route declarations the gateway routes by (default: `allRoutes` of every service). */
  readonly routes?: readonly GatewayRouteSource[];
  /** The gateway's port (default 8080; 0 picks a free one). */
  readonly gatewayPort?: number;
  /** Apps get the first free ports from here up (default: free ephemeral ports). */
  readonly basePort?: number;
  /** Where the gateway and the apps listen (default `127.0.0.1`). */
  readonly host?: string;
  /** Where the apps' rendered output lines go (default: stdout). */
  readonly output?: (line: string) => void;
  /** ANSI colours in the apps' output (default: when stdout is a terminal). */
  readonly color?: boolean;
  /** How long each app may take to answer `/readyz` with 200 (default 120 s). */
  readonly readyTimeoutMs?: number;
  /** How long `stop` waits after SIGTERM before it kills an app (default 10 s). */
  readonly stopGraceMs?: number;
  /** Aborts the start-up: whatever started is stopped and the reason is thrown. */
  readonly signal?: AbortSignal;
  /** The repository root the apps run in (default: this repository). */
  readonly root?: string;
  /** How to run an app other than from its sources under tsx (e.g. its bundle); per app. */
  readonly command?: (app: DevApp) => AppCommand | undefined;
}

/** A running system, from `startSystem`. */
export interface RunningSystem {
  /** Base URL of the gateway, e.g. `http://127.0.0.1:8080`. */
  readonly gatewayUrl: string;
  /** Every app and its base URL, in start order. */
  readonly apps: readonly { readonly name: string; readonly url: string }[];
  /** The HS256 secret the apps verify tokens with (sign test tokens with it). */
  readonly jwtSecret: string;
  readonly mongoUrl: string;
  readonly kafkaBrokers: string;
  /**
   * Stops everything this call started: SIGTERM to every app (killed after the grace period),
   * then the gateway, then the infrastructure it started. Calling it again is harmless.
   */
  stop(): Promise<void>;
}

/**
 * What a fault-injecting test or tool may do to the apps of a system `startSystem` runs. An app
 * is named as in `apps` (e.g. `customers-evp`); it may have several replicas (processes), the
 * first on the app's URL (the one the gateway routes to), the others on ports of their own.
 */
export interface SystemControl {
  /** The pids of the app's replicas that run now, in start order. */
  pids(app: string): number[];
  /**
   * Sends `signal` (default SIGKILL) to the app's replica `pid` (default: every replica) and
   * waits until it has exited; the exit is expected, so it is not reported as unexpected.
   */
  kill(
    app: string,
    options?: { readonly signal?: NodeJS.Signals; readonly pid?: number },
  ): Promise<void>;
  /**
   * Starts the app's first replica again on the app's URL, as Kubernetes restarts a container,
   * and waits until it answers `/readyz`. Resolves with its pid.
   *
   * @throws Error when its first replica still runs, or it is not ready in time.
   */
  restart(app: string): Promise<number>;
  /**
   * Starts one more replica of the app on a free port, with the same environment (a standby of
   * a one-active app, say), and waits until it answers `/readyz`. Resolves with its pid.
   */
  addReplica(app: string): Promise<number>;
}

/** A system `startSystem` runs on this machine: a `RunningSystem` whose apps can be controlled. */
export interface LocalSystem extends RunningSystem {
  readonly control: SystemControl;
}

/** How long the apps' service tokens live: longer than any local session. */
const serviceTokenLifetime = '30d';

const urlHost = (host: string) =>
  host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`gateway: port ${port} on ${host} is in use; choose another gateway port`)
          : error,
      );
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Runs the whole system on this machine: the local Kafka and engine (`startLocalInfra`, which
 * starts only what is not running), every app as its own process with the app contract's
 * environment (see `appEnvironment`) on a free port, and the gateway in front of them once every
 * app answers `/readyz`. Each app's output is rendered with its name as prefix. An app that ends
 * while the system runs is reported through `log` with its exit code and last lines.
 *
 * @throws Error when an app fails to start (naming it, with the tail of its output) or the
 *   routes collide; whatever had been started is stopped first.
 */
export async function startSystem(options: StartSystemOptions): Promise<LocalSystem> {
  const { log } = options;
  const root = options.root ?? repoRoot;
  const host = options.host ?? '127.0.0.1';
  const gatewayPort = options.gatewayPort ?? 8080;
  const color = options.color ?? process.stdout.isTTY === true;
  const write = options.output ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const stopGraceMs = options.stopGraceMs ?? 10_000;
  const routes = options.routes ?? allRoutes;
  const apps =
    options.apps ??
    discoverApps({ root, onSkip: (name, why) => log(`${name}: not started, ${why}`) });

  // Everything that can be checked before starting anything.
  const names = apps.map((a) => a.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new Error(`app ${duplicate} is listed twice`);
  buildRouteTable(routes, { reservedPaths: gatewayProbePaths });
  const jwtSecret = resolveJwtSecret();
  const webhookSecrets = resolveWebhookSecrets().join(',');
  if (gatewayPort !== 0 && !(await portFree(host, gatewayPort))) {
    throw new Error(
      `gateway: port ${gatewayPort} on ${host} is in use; choose another gateway port`,
    );
  }

  const width = Math.max('gateway'.length, ...names.map((n) => n.length));
  // Every process started, restarted and added, in start order: `stop` stops them all.
  const processes: AppProcess[] = [];
  let infra: InfraSession | undefined;
  let gateway: Server | undefined;
  let stopping: Promise<void> | undefined;

  const stop = () =>
    (stopping ??= (async () => {
      const results = await Promise.all(processes.map((p) => p.stop(stopGraceMs)));
      for (const [i, result] of results.entries()) {
        if (result.killed)
          log(`${processes[i]?.name}: killed, still running ${stopGraceMs} ms after SIGTERM`);
      }
      if (gateway !== undefined) await closeServer(gateway, stopGraceMs);
      await infra?.stop();
    })());

  try {
    infra = await startLocalInfra(log);
    options.signal?.throwIfAborted();
    const mongoUrl = process.env.MONGO_URL ?? infra.config.mongo.url;
    const kafkaBrokers = process.env.KAFKA_BROKERS ?? infra.config.kafka.brokers;

    const ports = await freePorts(apps.length, {
      host,
      ...(options.basePort === undefined ? {} : { basePort: options.basePort }),
      exclude: [gatewayPort],
    });
    const placed: PlacedApp[] = apps.map((app, i) => ({
      app,
      url: `http://${urlHost(host)}:${ports[i]}`,
    }));

    const launch = async (i: number, port: number): Promise<AppProcess> => {
      const { app } = placed[i] as PlacedApp;
      const serviceToken = await signToken({
        sub: app.name,
        roles: ['service'],
        secret: jwtSecret,
        expiresIn: serviceTokenLifetime,
      });
      const env = appEnvironment({
        app,
        host,
        port,
        placed,
        mongoUrl,
        kafkaBrokers,
        jwtSecret,
        serviceToken,
        webhookSecrets,
        logLevel: process.env.LOG_LEVEL || 'info',
        inherited: process.env,
      });
      const output = new PrefixedOutput({ name: app.name, width, index: i, color, write });
      const command = options.command?.(app);
      const started = AppProcess.spawn({
        app,
        root,
        ...(command === undefined ? {} : { command }),
        env,
        output,
        onUnexpectedExit: (exit) =>
          log(
            `${app.name} exited unexpectedly (${describeExit(exit)}); last output:\n${output.tail.describe()}`,
          ),
      });
      processes.push(started);
      return started;
    };
    // Each app's replicas: the first listens on the app's URL, added ones on ports of their own.
    const replicas = new Map<string, Replica[]>();
    for (const [i, { app, url }] of placed.entries()) {
      replicas.set(app.name, [{ process: await launch(i, ports[i] as number), url }]);
    }
    if (apps.length > 0) log(`started ${apps.length} app(s); waiting until each answers /readyz`);

    // The first app that fails ends the wait for the others.
    const failed = new AbortController();
    const signal = options.signal
      ? AbortSignal.any([options.signal, failed.signal])
      : failed.signal;
    const firstReplicas = [...processes];
    const outcomes = await Promise.allSettled(
      firstReplicas.map((p, i) =>
        p
          .waitReady((placed[i] as PlacedApp).url, readyTimeoutMs, signal)
          .catch((error: unknown) => {
            failed.abort(error);
            throw error;
          }),
      ),
    );
    options.signal?.throwIfAborted();
    // Apps cut short by the first failure reject with that same error: report each one once.
    const errors = new Set(
      outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : [])),
    );
    if (errors.size > 0) {
      throw new Error(
        [...errors].map((e) => (e instanceof Error ? e.message : String(e))).join('\n'),
      );
    }

    const gatewayOutput = new PrefixedOutput({
      name: 'gateway',
      width,
      index: apps.length,
      color,
      write,
    });
    gateway = createGateway({
      routes,
      upstreams: Object.fromEntries(placed.map((p) => [p.app.name, p.url])),
      logger: renderedGatewayLogger(gatewayOutput),
    });
    const port = await listen(gateway, gatewayPort, host);
    const control = systemControl({
      replicas,
      launch: (name, replicaPort) =>
        launch(
          placed.findIndex((p) => p.app.name === name),
          replicaPort,
        ),
      freePort: async () => (await freePorts(1, { host, exclude: [gatewayPort] }))[0] as number,
      urlOf: (replicaPort) => `http://${urlHost(host)}:${replicaPort}`,
      readyTimeoutMs,
    });
    return {
      gatewayUrl: `http://${urlHost(host)}:${port}`,
      apps: placed.map((p) => ({ name: p.app.name, url: p.url })),
      jwtSecret,
      mongoUrl,
      kafkaBrokers,
      stop,
      control,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface Replica {
  readonly process: AppProcess;
  readonly url: string;
}

interface SystemControlInput {
  /** Each app's replicas, first the one on the app's URL; kept current by the control. */
  readonly replicas: Map<string, Replica[]>;
  readonly launch: (app: string, port: number) => Promise<AppProcess>;
  readonly freePort: () => Promise<number>;
  readonly urlOf: (port: number) => string;
  readonly readyTimeoutMs: number;
}

function systemControl(input: SystemControlInput): SystemControl {
  const { replicas } = input;
  const of = (app: string): Replica[] => {
    const found = replicas.get(app);
    if (found === undefined) throw new Error(`no app ${app} in the system`);
    return found;
  };
  const runs = (r: Replica) => r.process.exit === undefined && r.process.pid !== undefined;
  const start = async (app: string, port: number): Promise<Replica> => {
    const started = await input.launch(app, port);
    const url = input.urlOf(port);
    try {
      await started.waitReady(url, input.readyTimeoutMs);
    } catch (error) {
      await started.stop(0);
      throw error;
    }
    return { process: started, url };
  };
  return {
    pids: (app) =>
      of(app)
        .filter(runs)
        .map((r) => r.process.pid as number),
    async kill(app, options = {}) {
      const targets = of(app).filter(
        (r) => runs(r) && (options.pid === undefined || r.process.pid === options.pid),
      );
      if (options.pid !== undefined && targets.length === 0) {
        throw new Error(`${app} has no running replica with pid ${options.pid}`);
      }
      await Promise.all(targets.map((r) => r.process.kill(options.signal ?? 'SIGKILL')));
    },
    async restart(app) {
      const list = of(app);
      const first = list[0] as Replica;
      if (runs(first)) throw new Error(`${app} (pid ${first.process.pid}) still runs`);
      const replica = await start(app, Number(new URL(first.url).port));
      list[0] = replica;
      return replica.process.pid as number;
    },
    async addReplica(app) {
      const list = of(app);
      const replica = await start(app, await input.freePort());
      list.push(replica);
      return replica.process.pid as number;
    },
  };
}
