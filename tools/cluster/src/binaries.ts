import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { goBuild } from './go-build';
import { cacheKey, parseVersions, type ClusterVersions } from './versions';

const run = promisify(execFile);

/** tools/cluster/src -> tools/cluster/go: the wrapper module that pins the Kubernetes binaries. */
export const goModuleDir = path.resolve(__dirname, '../go');
/** CoreDNS with only the plugins the one-node cluster's DNS needs: a module of its own. */
const coreDnsModuleDir = path.resolve(__dirname, '../coredns');

/** Absolute paths of the control-plane binaries and the kwok default stages they were built with. */
export interface ClusterBinaries {
  readonly versions: ClusterVersions;
  /** `<cache>/<versions>`: everything below is rebuilt when go.mod or go.sum change. */
  readonly dir: string;
  readonly etcd: string;
  readonly kubeApiserver: string;
  readonly kubeControllerManager: string;
  readonly kubeScheduler: string;
  readonly kwok: string;
  /** The node agent and the Service proxy of a real node (`cluster:up -- --real`). */
  readonly kubelet: string;
  readonly kubeProxy: string;
  /** The real node's cluster DNS. */
  readonly coredns: string;
  /** kwok's own default Stage manifests (node and pod lifecycles) from the same kwok release. */
  readonly stagesDir: string;
}

type BinaryName =
  | 'etcd'
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'kwok'
  | 'kubelet'
  | 'kube-proxy'
  | 'coredns';

interface Target {
  readonly name: BinaryName;
  readonly pkg: string;
  readonly ldflags: (v: ClusterVersions) => string[];
  /** The wrapper module it is built in; default tools/cluster/go. */
  readonly moduleDir?: string;
}

/** What `kubectl version` and `/version` report; the release scripts inject the same values. */
const kubeVersionFlags = (v: ClusterVersions): string[] => {
  const [major, minor] = v.kubernetes.replace(/^v/, '').split('.');
  return ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'].flatMap((pkg) => [
    `-X ${pkg}.gitVersion=${v.kubernetes}`,
    `-X ${pkg}.gitMajor=${major ?? ''}`,
    `-X ${pkg}.gitMinor=${minor ?? ''}`,
    `-X ${pkg}.gitTreeState=clean`,
  ]);
};

const targets: readonly Target[] = [
  { name: 'etcd', pkg: 'go.etcd.io/etcd/server/v3', ldflags: () => [] },
  {
    name: 'kube-apiserver',
    pkg: 'k8s.io/kubernetes/cmd/kube-apiserver',
    ldflags: kubeVersionFlags,
  },
  {
    name: 'kube-controller-manager',
    pkg: 'k8s.io/kubernetes/cmd/kube-controller-manager',
    ldflags: kubeVersionFlags,
  },
  {
    name: 'kube-scheduler',
    pkg: 'k8s.io/kubernetes/cmd/kube-scheduler',
    ldflags: kubeVersionFlags,
  },
  { name: 'kwok', pkg: 'sigs.k8s.io/kwok/cmd/kwok', ldflags: () => [] },
  { name: 'kubelet', pkg: 'k8s.io/kubernetes/cmd/kubelet', ldflags: kubeVersionFlags },
  { name: 'kube-proxy', pkg: 'k8s.io/kubernetes/cmd/kube-proxy', ldflags: kubeVersionFlags },
  { name: 'coredns', pkg: '.', ldflags: () => [], moduleDir: coreDnsModuleDir },
];

/** kwok's default stages (what `kwokctl` installs), copied out of the kwok module at build time. */
export const defaultStageFiles = [
  'kustomize/stage/node/fast/node-initialize.yaml',
  'kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'kustomize/stage/pod/fast/pod-ready.yaml',
  'kustomize/stage/pod/fast/pod-complete.yaml',
  'kustomize/stage/pod/fast/pod-delete.yaml',
] as const;

const buildFlags = ['-trimpath', '-mod=readonly'];

/** `$CQRS_CLUSTER_CACHE`, else `~/.cache/cqrs-platform/cluster`: outside git, shared by checkouts. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.CQRS_CLUSTER_CACHE || path.join(os.homedir(), '.cache/cqrs-platform/cluster');
}

function binariesIn(dir: string, versions: ClusterVersions): ClusterBinaries {
  const bin = (name: BinaryName) => path.join(dir, 'bin', name);
  return {
    versions,
    dir,
    etcd: bin('etcd'),
    kubeApiserver: bin('kube-apiserver'),
    kubeControllerManager: bin('kube-controller-manager'),
    kubeScheduler: bin('kube-scheduler'),
    kwok: bin('kwok'),
    kubelet: bin('kubelet'),
    kubeProxy: bin('kube-proxy'),
    coredns: bin('coredns'),
    stagesDir: path.join(dir, 'stages'),
  };
}

function complete(b: ClusterBinaries): boolean {
  const files = [
    b.etcd,
    b.kubeApiserver,
    b.kubeControllerManager,
    b.kubeScheduler,
    b.kwok,
    b.kubelet,
    b.kubeProxy,
    b.coredns,
  ];
  const stages = defaultStageFiles.map((f) => path.join(b.stagesDir, path.basename(f)));
  return [...files, ...stages].every((f) => existsSync(f));
}

async function checkGo(): Promise<string> {
  try {
    const { stdout } = await run('go', ['version']);
    return stdout.trim();
  } catch {
    throw new Error(
      'Go 1.26 or newer is required to build the local Kubernetes control plane, but `go` was not found on PATH.',
    );
  }
}

/** Builds one binary into `out`. */
function buildTarget(target: Target, versions: ClusterVersions, out: string, logFile: string) {
  const ldflags = ['-s', '-w', ...target.ldflags(versions)].join(' ');
  const args = ['build', ...buildFlags, `-ldflags=${ldflags}`, '-o', out, target.pkg];
  return goBuild(target.moduleDir ?? goModuleDir, args, logFile);
}

async function copyDefaultStages(stagesDir: string): Promise<void> {
  const { stdout } = await run(
    'go',
    ['list', '-mod=readonly', '-m', '-f', '{{.Dir}}', 'sigs.k8s.io/kwok'],
    {
      cwd: goModuleDir,
    },
  );
  const kwokDir = stdout.trim();
  mkdirSync(stagesDir, { recursive: true });
  for (const file of defaultStageFiles) {
    writeFileSync(
      path.join(stagesDir, path.basename(file)),
      readFileSync(path.join(kwokDir, file)),
    );
  }
}

/**
 * Returns the etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, kubelet,
 * kube-proxy (pinned by tools/cluster/go) and CoreDNS (tools/cluster/coredns) binaries, building them on first use (CGO off, -trimpath) into
 * `<cacheRoot>/<versions>/bin`. A cold build compiles Kubernetes and takes a long time; later
 * calls return at once. Concurrent callers may both build; the first complete result wins.
 */
export async function ensureClusterBinaries(log: (line: string) => void): Promise<ClusterBinaries> {
  const goMod = readFileSync(path.join(goModuleDir, 'go.mod'), 'utf8');
  const goSum = readFileSync(path.join(goModuleDir, 'go.sum'), 'utf8');
  const coreDns = ['go.mod', 'go.sum', 'main.go'].map((f) =>
    readFileSync(path.join(coreDnsModuleDir, f), 'utf8'),
  );
  const versions = parseVersions(goMod);
  const flags = targets.map((t) => `${t.name}:${t.ldflags(versions).join(' ')}`);
  const key = cacheKey(versions, [
    goMod,
    goSum,
    ...coreDns,
    ...buildFlags,
    ...flags,
    ...defaultStageFiles,
  ]);
  const finalDir = path.join(cacheRoot(), key);
  const cached = binariesIn(finalDir, versions);
  if (complete(cached)) return cached;

  const goVersion = await checkGo();
  const buildDir = `${finalDir}.build-${process.pid}`;
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(path.join(buildDir, 'bin'), { recursive: true });
  const logFile = path.join(buildDir, 'build.log');
  log(`building ${key} with ${goVersion} (first run only; a cold build takes a while)`);
  const started = Date.now();
  try {
    const building = binariesIn(buildDir, versions);
    for (const target of targets) {
      const t0 = Date.now();
      await buildTarget(target, versions, path.join(buildDir, 'bin', target.name), logFile);
      log(`built ${target.name} in ${Math.round((Date.now() - t0) / 1000)}s`);
    }
    await copyDefaultStages(building.stagesDir);
  } catch (err) {
    rmSync(buildDir, { recursive: true, force: true });
    throw err;
  }
  // A directory without every file is a leftover of an interrupted copy, never a result.
  if (!complete(cached)) rmSync(finalDir, { recursive: true, force: true });
  try {
    renameSync(buildDir, finalDir);
  } catch (err) {
    // Another process finished first: keep its result, drop ours.
    rmSync(buildDir, { recursive: true, force: true });
    if (!complete(cached)) throw err;
  }
  log(`binaries ready in ${finalDir} (${Math.round((Date.now() - started) / 1000)}s)`);
  return cached;
}
