import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureClusterBinaries, type ClusterBinaries } from '../binaries';
import { startControlPlane, type ControlPlane } from '../control-plane';
import { ensureHostPackages } from '../host-packages';
import { answers200, request } from '../http';
import { imageStore } from '../images/image-store';
import { freePorts } from '../ports';
import { startProcess, stopManaged, waitReady, type Managed } from '../processes';
import { cniConflist, cniConflistFile } from './cni';
import { containerdCommand, containerdConfig } from './containerd';
import { captureHost, linkExists, restoreHost, writeSysctl, type HostSnapshot } from './host-state';
import {
  existing,
  fixedHostPaths,
  kubeletCgroups,
  mountsUnder,
  removeCgroupTree,
  removePaths,
  unmountAll,
} from './host-paths';
import { corefile, kubeProxyArgs, kubeletArgs, kubeletConfig } from './kubelet';
import { podNetwork, type RealClusterLayout } from './layout';
import { killAllContainers, pidsWithMarker } from './node-processes';
import { ensurePauseImage } from './pause-image';

/** What `cluster:down` needs when the supervisor is gone: the host as it was, and the pids. */
export interface RealClusterState {
  readonly supervisorPid: number;
  readonly host: HostSnapshot;
  /** Host paths (fixedHostPaths, kubelet cgroups) that existed before the node started. */
  readonly preexisting: readonly string[];
  readonly processes: readonly { readonly name: string; readonly pid: number }[];
  readonly ready: boolean;
  readonly server?: string;
  readonly nodeName?: string;
}

export interface RealCluster {
  readonly kubeconfigPath: string;
  readonly server: string;
  readonly nodeName: string;
  stop(): Promise<string[]>;
}

const nodeName = () => execFileSync('hostname', { encoding: 'utf8' }).trim().toLowerCase();

function writeState(layout: RealClusterLayout, state: RealClusterState): void {
  writeFileSync(layout.stateFile, JSON.stringify(state, null, 2));
}

/** Creates the pod bridge with the host's address up front: CoreDNS binds to that address. */
function ensureBridge(): void {
  if (!linkExists(podNetwork.bridge)) {
    execFileSync('ip', ['link', 'add', podNetwork.bridge, 'type', 'bridge']);
  }
  const prefix = podNetwork.subnet.split('/')[1] ?? '24';
  const shown = execFileSync('ip', ['-4', 'addr', 'show', 'dev', podNetwork.bridge], {
    encoding: 'utf8',
  });
  if (!shown.includes(`${podNetwork.hostAddress}/`)) {
    execFileSync('ip', [
      'addr',
      'add',
      `${podNetwork.hostAddress}/${prefix}`,
      'dev',
      podNetwork.bridge,
    ]);
  }
  execFileSync('ip', ['link', 'set', podNetwork.bridge, 'up']);
}

async function nodeReady(server: string, api: { ca: string; token: string }, name: string) {
  const res = await request(`${server}/api/v1/nodes/${name}`, api);
  if (res.status !== 200) return false;
  const node = JSON.parse(res.body) as {
    status?: { conditions?: { type: string; status: string }[] };
  };
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * Starts a one-node Kubernetes cluster with a real node on this host: the control plane
 * (tools/cluster), containerd + runc, a CNI bridge, the kubelet, kube-proxy and CoreDNS, and
 * resolves once the node is Ready. Every host change is recorded in `layout.stateFile` first,
 * so `stop()` (or `cluster:down` after a crash) puts the host back.
 */
export async function startRealCluster(options: {
  readonly layout: RealClusterLayout;
  readonly log: (line: string) => void;
  readonly binaries?: ClusterBinaries;
  readonly startTimeoutMs?: number;
}): Promise<RealCluster> {
  const { layout, log } = options;
  const timeoutMs = options.startTimeoutMs ?? 180_000;
  await ensureHostPackages(log);
  const bin = options.binaries ?? (await ensureClusterBinaries(log));
  const dirs = [
    layout.logs,
    layout.cniConfDir,
    layout.kubeletRoot,
    layout.volumes,
    path.dirname(layout.containerdConfig),
  ];
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
  }
  const name = nodeName();
  const host = captureHost(podNetwork.bridge);
  const preexisting = existing([...fixedHostPaths, ...kubeletCgroups()]);
  const running: Managed[] = [];
  const state = (extra: Partial<RealClusterState> = {}): RealClusterState => ({
    supervisorPid: process.pid,
    host,
    preexisting,
    processes: running.map(({ name: n, pid }) => ({ name: n, pid })),
    ready: false,
    ...extra,
  });
  writeState(layout, state());

  let plane: ControlPlane | undefined;
  const start = (n: string, command: string, args: string[]) => {
    const p = startProcess(n, command, args, path.join(layout.logs, `${n}.log`));
    running.push(p);
    writeState(layout, state());
    return p;
  };
  const stop = async (): Promise<string[]> => {
    const [containerd, ...nodeAgents] = running;
    // The kubelet first, so it restarts nothing; then every container, then containerd.
    await Promise.all(nodeAgents.map((p) => stopManaged(p)));
    await killAllContainers(layout.containerdSocket).catch(() => undefined);
    if (containerd) await stopManaged(containerd);
    for (const pid of pidsWithMarker(layout.containerdSocket)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await plane?.stop();
    return cleanUpHost(layout, host, preexisting);
  };

  try {
    log(`host: ${name}; recording host settings in ${layout.stateFile}`);
    writeSysctl('net.ipv4.ip_forward', '1');
    writeSysctl('net.bridge.bridge-nf-call-iptables', '1');
    ensureBridge();

    plane = await startControlPlane({
      dir: layout.controlPlane,
      nodes: 0,
      log,
      binaries: bin,
      startTimeoutMs: timeoutMs,
    });
    const api = { ca: plane.caPem, token: plane.token };
    copyFileSync(plane.kubeconfigPath, layout.kubeconfig);

    writeFileSync(layout.containerdConfig, containerdConfig(layout));
    const c = containerdCommand(layout);
    const containerd = start(c.name, c.command, c.args);
    await waitReady(
      containerd,
      () => Promise.resolve(existsSync(layout.containerdSocket)),
      timeoutMs,
    );
    await ensurePauseImage(imageStore(), layout.containerdSocket, log);
    writeFileSync(cniConflistFile(layout), JSON.stringify(cniConflist(layout), null, 2));

    const [kubeletPort, kubeletHealthz, proxyHealthz, proxyMetrics, dnsHealth, dnsReady] =
      (await freePorts(6)) as [number, number, number, number, number, number];
    writeFileSync(layout.kubeletConfig, kubeletConfig(layout, kubeletPort, kubeletHealthz));
    const kubelet = start('kubelet', bin.kubelet, kubeletArgs(layout, layout.kubeconfig));
    const server = plane.server;
    await waitReady(kubelet, () => nodeReady(server, api, name), timeoutMs);
    log(`node ${name} is Ready (kubelet on 127.0.0.1:${kubeletPort})`);

    const proxy = start(
      'kube-proxy',
      bin.kubeProxy,
      kubeProxyArgs(layout.kubeconfig, name, {
        healthz: proxyHealthz,
        metrics: proxyMetrics,
      }),
    );
    const corefilePath = path.join(layout.root, 'Corefile');
    writeFileSync(corefilePath, corefile(layout.kubeconfig, dnsHealth, dnsReady));
    const dns = start('coredns', bin.coredns, ['-conf', corefilePath]);
    await Promise.all([
      waitReady(proxy, () => answers200(`http://127.0.0.1:${proxyHealthz}/healthz`), timeoutMs),
      waitReady(dns, () => answers200(`http://127.0.0.1:${dnsReady}/ready`), timeoutMs),
    ]);
    writeState(layout, state({ ready: true, server: plane.server, nodeName: name }));
    log(`cluster ready: API server ${plane.server}, kubeconfig ${layout.kubeconfig}`);
    return { kubeconfigPath: layout.kubeconfig, server: plane.server, nodeName: name, stop };
  } catch (err) {
    const problems = await stop();
    for (const p of problems) log(`teardown: ${p}`);
    throw err;
  }
}

/**
 * Everything the node leaves on the host once its processes are gone: mounts under the state
 * directory (pod volumes, container root filesystems, network namespaces), the kubelet's
 * cgroups, the fixed host paths that were not there before, the bridge, iptables and sysctls.
 * Returns what could not be undone.
 */
export async function cleanUpHost(
  layout: RealClusterLayout,
  host: HostSnapshot,
  preexisting: readonly string[],
): Promise<string[]> {
  const problems: string[] = [];
  // Mounts go away with their last process; give the kernel a moment after the kills.
  await sleep(200);
  for (const mount of unmountAll(layout.root)) problems.push(`still mounted: ${mount}`);
  const before = new Set(preexisting);
  for (const cgroup of kubeletCgroups()) {
    if (before.has(cgroup)) continue;
    removeCgroupTree(cgroup);
    if (existsSync(cgroup)) problems.push(`cgroup left (it still has tasks): ${cgroup}`);
  }
  removePaths(fixedHostPaths.filter((p) => !before.has(p)));
  // Per-run state goes; images (containerd's root) and the add-ons' volumes stay for the next
  // start. Never remove a tree that still has a mount below it: rm would follow a bind mount.
  const perRun = [layout.kubeletRoot, layout.podLogs, layout.cniIpam, layout.containerdState];
  removePaths(perRun.filter((dir) => mountsUnder(dir).length === 0));
  problems.push(...restoreHost(host, podNetwork.bridge));
  return problems;
}
