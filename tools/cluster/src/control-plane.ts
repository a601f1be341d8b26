import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureClusterBinaries, type ClusterBinaries } from './binaries';
import * as spec from './components';
import { apiserverCertFile, layoutOf, type ComponentSpec, type Ports } from './components';
import { writeCredentials } from './credentials';
import { answers200, request } from './http';
import { kubeconfigYaml } from './kubeconfig';
import { fakeNodes } from './nodes';
import { freePorts } from './ports';
import {
  ComponentError,
  reapLeftovers,
  startProcess,
  stopManaged,
  waitReady,
  writePidFile,
  type Managed,
} from './processes';
import { kwokConfig } from './stages';

export interface ControlPlaneOptions {
  /**
   * Holds data, certificates, logs (`<dir>/logs/<component>.log`) and the kubeconfig. Must be
   * missing, empty or an earlier control plane's directory; wiped at start and by stop().
   */
  readonly dir: string;
  /** Fake nodes managed by kwok, one zone each. Default 3; 0 starts no kwok (a real node joins). */
  readonly nodes?: number;
  readonly log?: (line: string) => void;
  /** Defaults to ensureClusterBinaries(log), which builds on first use. */
  readonly binaries?: ClusterBinaries;
  /** Per component. Default 180 s (the machine is often busy). */
  readonly startTimeoutMs?: number;
}

export interface ControlPlane {
  /** `<dir>/kubeconfig`: admin (system:masters) token, CA data, server. */
  readonly kubeconfigPath: string;
  /** https://127.0.0.1:<port> */
  readonly server: string;
  readonly token: string;
  /** PEM bundle that verifies the API server's certificate. */
  readonly caPem: string;
  readonly nodeNames: readonly string[];
  readonly logDir: string;
  /** The processes started, in start order (for diagnostics and leak checks). */
  readonly processes: readonly { readonly name: string; readonly pid: number }[];
  /** Stops every process (kwok, scheduler, controller manager, API server, etcd) and removes `dir`. */
  stop(): Promise<void>;
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok on free
 * loopback ports, registers `nodes` fake nodes and resolves once they are Ready. Pods scheduled
 * there become Running and Ready, except those with an image tagged `never-ready` (see
 * README). A start failure stops what was started, keeps `dir` for its logs, and throws a
 * ComponentError naming the component with the end of its log.
 */
export async function startControlPlane(options: ControlPlaneOptions): Promise<ControlPlane> {
  const log = options.log ?? (() => undefined);
  const nodeCount = options.nodes ?? 3;
  const timeoutMs = options.startTimeoutMs ?? 180_000;
  const bin = options.binaries ?? (await ensureClusterBinaries(log));
  const layout = layoutOf(path.resolve(options.dir));

  // `dir` is wiped below: only when it is empty or was a control plane's directory before.
  if (
    existsSync(layout.root) &&
    readdirSync(layout.root).length > 0 &&
    !existsSync(layout.pidFile)
  ) {
    throw new Error(`refusing to use ${layout.root}: not empty and not a control plane directory`);
  }
  const reaped = await reapLeftovers(layout.pidFile, layout.root);
  if (reaped.length > 0) log(`killed leftovers of an earlier run: ${reaped.join(', ')}`);
  rmSync(layout.root, { recursive: true, force: true });
  for (const d of [layout.logs, layout.pki, layout.apiserverCerts, layout.kwokWorkdir]) {
    mkdirSync(d, { recursive: true });
  }
  writePidFile(layout.pidFile, []); // marks `dir` as ours from now on
  const creds = writeCredentials(layout.pki);
  const [etcdClient, etcdPeer, apiserver, controllerManager, scheduler, kwok] = await freePorts(6);
  const ports = { etcdClient, etcdPeer, apiserver, controllerManager, scheduler, kwok } as Ports;
  const server = `https://127.0.0.1:${ports.apiserver}`;

  const running: Managed[] = [];
  const killAll = () => {
    for (const p of running) {
      try {
        if (p.exitCode() === undefined) process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  // Last resort when the caller exits without stop(): no orphaned control plane.
  process.on('exit', killAll);
  const start = (s: ComponentSpec) => {
    const p = startProcess(s.name, s.command, s.args, path.join(layout.logs, `${s.name}.log`), {
      ...process.env,
      ...s.env,
    });
    running.push(p);
    writePidFile(layout.pidFile, running);
    return p;
  };
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      // Clients first, storage last, so nothing logs errors about a vanished dependency.
      const [etcdP, apiP, ...clients] = running;
      await Promise.all(clients.map((p) => stopManaged(p)));
      if (apiP) await stopManaged(apiP);
      if (etcdP) await stopManaged(etcdP);
      process.off('exit', killAll);
    })());

  try {
    const started = Date.now();
    const etcdP = start(spec.etcd(bin, layout, ports));
    await waitReady(etcdP, () => etcdHealthy(ports.etcdClient), timeoutMs);

    const apiP = start(spec.kubeApiserver(bin, layout, ports, creds));
    const caFile = apiserverCertFile(layout);
    const caPem = () => (existsSync(caFile) ? readFileSync(caFile, 'utf8') : undefined);
    await waitReady(
      apiP,
      async () => {
        const ca = caPem();
        return (
          ca !== undefined &&
          (await answers200(`${server}/readyz`, { ca, token: creds.adminToken }))
        );
      },
      timeoutMs,
    );
    const ca = caPem() ?? '';
    writeFileSync(
      layout.kubeconfig,
      kubeconfigYaml({ server, caPem: ca, token: creds.adminToken }),
      {
        mode: 0o600,
      },
    );
    writeFileSync(layout.kwokConfig, kwokConfig(bin.stagesDir));
    log(`kube-apiserver ready at ${server} (${Math.round((Date.now() - started) / 1000)}s)`);

    const kcm = start(spec.kubeControllerManager(bin, layout, ports, creds, caFile));
    const sched = start(spec.kubeScheduler(bin, layout, ports));
    const healthz = (port: number) => () =>
      answers200(`https://127.0.0.1:${port}/healthz`, { insecure: true });
    await Promise.all([
      waitReady(kcm, healthz(ports.controllerManager), timeoutMs),
      waitReady(sched, healthz(ports.scheduler), timeoutMs),
    ]);

    const api = { ca, token: creds.adminToken };
    const nodes = fakeNodes(nodeCount);
    if (nodeCount > 0) {
      const kwokP = start(spec.kwok(bin, layout, ports));
      await waitReady(kwokP, () => answers200(`http://127.0.0.1:${ports.kwok}/healthz`), timeoutMs);
      for (const node of nodes) {
        const res = await request(`${server}/api/v1/nodes`, { ...api, method: 'POST', body: node });
        if (res.status !== 201)
          throw new Error(`creating a kwok node failed: ${res.status} ${res.body}`);
      }
      await waitReady(kwokP, () => readyNodes(server, api).then((n) => n >= nodeCount), timeoutMs);
    }
    // The serviceaccount controller has to create `default` before any pod can be admitted.
    await waitReady(
      kcm,
      () => answers200(`${server}/api/v1/namespaces/default/serviceaccounts/default`, api),
      timeoutMs,
    );
    log(
      `control plane ready with ${nodeCount} kwok nodes (${Math.round((Date.now() - started) / 1000)}s)`,
    );

    return {
      kubeconfigPath: layout.kubeconfig,
      server,
      token: creds.adminToken,
      caPem: ca,
      nodeNames: nodes.map((n) => (n.metadata as { name: string }).name),
      logDir: layout.logs,
      processes: running.map(({ name, pid }) => ({ name, pid })),
      stop: async () => {
        await stop();
        rmSync(layout.root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stop();
    if (err instanceof ComponentError) throw err;
    throw new Error(`control plane failed to start (logs in ${layout.logs}): ${String(err)}`, {
      cause: err,
    });
  }
}

async function etcdHealthy(port: number): Promise<boolean> {
  const res = await request(`http://127.0.0.1:${port}/health`);
  return res.status === 200 && (JSON.parse(res.body) as { health?: string }).health === 'true';
}

interface NodeList {
  items: { status?: { conditions?: { type: string; status: string }[] } }[];
}

async function readyNodes(server: string, api: { ca: string; token: string }): Promise<number> {
  const res = await request(`${server}/api/v1/nodes`, api);
  if (res.status !== 200) return 0;
  const list = JSON.parse(res.body) as NodeList;
  return list.items.filter((n) =>
    n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  ).length;
}
