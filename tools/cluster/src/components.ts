import path from 'node:path';
import type { ClusterBinaries } from './binaries';
import type { Credentials } from './credentials';
import { kwokNodeAnnotation } from './nodes';

/** Ports picked free at start; every component listens on 127.0.0.1 only. */
export interface Ports {
  readonly etcdClient: number;
  readonly etcdPeer: number;
  readonly apiserver: number;
  readonly controllerManager: number;
  readonly scheduler: number;
  readonly kwok: number;
}

/** Where one control plane keeps its state; all of it lives under `root`. */
export interface Layout {
  readonly root: string;
  readonly logs: string;
  readonly pki: string;
  readonly etcdData: string;
  readonly apiserverCerts: string;
  readonly controllerManagerCerts: string;
  readonly schedulerCerts: string;
  readonly kwokWorkdir: string;
  readonly kwokConfig: string;
  readonly kubeconfig: string;
  readonly pidFile: string;
}

export function layoutOf(root: string): Layout {
  return {
    root,
    logs: path.join(root, 'logs'),
    pki: path.join(root, 'pki'),
    etcdData: path.join(root, 'etcd'),
    apiserverCerts: path.join(root, 'kube-apiserver'),
    controllerManagerCerts: path.join(root, 'kube-controller-manager'),
    schedulerCerts: path.join(root, 'kube-scheduler'),
    kwokWorkdir: path.join(root, 'kwok'),
    kwokConfig: path.join(root, 'kwok', 'kwok.yaml'),
    kubeconfig: path.join(root, 'kubeconfig'),
    pidFile: path.join(root, 'pids'),
  };
}

/** The self-signed serving certificate (and its CA) the API server writes into `--cert-dir`. */
export const apiserverCertFile = (layout: Layout) =>
  path.join(layout.apiserverCerts, 'apiserver.crt');

export interface ComponentSpec {
  readonly name: string;
  readonly command: string;
  readonly args: string[];
  readonly env?: Record<string, string>;
}

export function etcd(bin: ClusterBinaries, layout: Layout, ports: Ports): ComponentSpec {
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return {
    name: 'etcd',
    command: bin.etcd,
    args: [
      '--name=default',
      `--data-dir=${layout.etcdData}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=default=${peer}`,
      // A throw-away test cluster: durability is not worth the fsync latency on a shared disk.
      '--unsafe-no-fsync=true',
      '--log-level=warn',
    ],
  };
}

export function kubeApiserver(
  bin: ClusterBinaries,
  layout: Layout,
  ports: Ports,
  creds: Credentials,
): ComponentSpec {
  return {
    name: 'kube-apiserver',
    command: bin.kubeApiserver,
    args: [
      `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${ports.apiserver}`,
      // Generates a self-signed serving certificate for 127.0.0.1 into this directory.
      `--cert-dir=${layout.apiserverCerts}`,
      `--token-auth-file=${creds.tokenFile}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${creds.serviceAccountPub}`,
      `--service-account-signing-key-file=${creds.serviceAccountKey}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      // The `kubernetes` Service would need a non-loopback endpoint; nothing in-cluster calls it.
      '--endpoint-reconciler-type=none',
      '--allow-privileged=true',
      // A real node registers with a TEST-NET address that is only a label (kubelet refuses
      // loopback); its hostname resolves to 127.0.0.1, where its kubelet listens (logs, exec).
      '--kubelet-preferred-address-types=Hostname,InternalIP,ExternalIP',
      '--profiling=false',
    ],
  };
}

/**
 * Flags the controller manager and the scheduler share: API access and their health port.
 * No delegated authentication: it would look for client CAs the API server does not have
 * (configmap extension-apiserver-authentication) and log errors; health checks are anonymous.
 */
const clientOf = (layout: Layout, port: number, certDir: string) => [
  `--kubeconfig=${layout.kubeconfig}`,
  '--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics',
  '--bind-address=127.0.0.1',
  `--secure-port=${port}`,
  `--cert-dir=${certDir}`,
  '--leader-elect=false',
  '--kube-api-qps=100',
  '--kube-api-burst=200',
];

export function kubeControllerManager(
  bin: ClusterBinaries,
  layout: Layout,
  ports: Ports,
  creds: Credentials,
  caFile: string,
): ComponentSpec {
  return {
    name: 'kube-controller-manager',
    command: bin.kubeControllerManager,
    args: [
      ...clientOf(layout, ports.controllerManager, layout.controllerManagerCerts),
      // Every default controller: deployment, replicaset, HPA, disruption, garbage collector,
      // namespace, serviceaccount, endpointslice, node lifecycle, ...
      '--controllers=*',
      `--service-account-private-key-file=${creds.serviceAccountKey}`,
      `--root-ca-file=${caFile}`,
    ],
  };
}

export function kubeScheduler(bin: ClusterBinaries, layout: Layout, ports: Ports): ComponentSpec {
  return {
    name: 'kube-scheduler',
    command: bin.kubeScheduler,
    args: clientOf(layout, ports.scheduler, layout.schedulerCerts),
  };
}

export function kwok(bin: ClusterBinaries, layout: Layout, ports: Ports): ComponentSpec {
  return {
    name: 'kwok',
    command: bin.kwok,
    args: [
      `--kubeconfig=${layout.kubeconfig}`,
      `--config=${layout.kwokConfig}`,
      '--manage-all-nodes=false',
      `--manage-nodes-with-annotation-selector=${kwokNodeAnnotation.key}=${kwokNodeAnnotation.value}`,
      '--cidr=10.244.0.0/16',
      '--node-ip=127.0.0.1',
      `--server-address=127.0.0.1:${ports.kwok}`,
      '--node-lease-duration-seconds=40',
    ],
    // kwok keeps its own state under a work dir (default ~/.kwok).
    env: { KWOK_WORKDIR: layout.kwokWorkdir },
  };
}
