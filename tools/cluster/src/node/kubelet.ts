import path from 'node:path';
import { stringify } from 'yaml';
import type { RealClusterLayout } from './layout';
import { podNetwork } from './layout';

/**
 * The kubelet's configuration for this host (see shared/notes/containers.md): cgroup v1 only
 * (cgroupfs driver, `failCgroupV1: false`), swap tolerated, containerd's CRI socket, the API
 * server reaching it on 127.0.0.1 with anonymous access (a throw-away local node: logs, exec and
 * port-forward go through the API server, which alone can reach this port), cluster DNS on the
 * bridge's host address. Pod logs stay under the cluster's state directory.
 */
export function kubeletConfig(layout: RealClusterLayout, port: number, healthzPort: number) {
  return stringify({
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    address: '127.0.0.1',
    port,
    readOnlyPort: 0,
    healthzBindAddress: '127.0.0.1',
    healthzPort,
    cgroupDriver: 'cgroupfs',
    failCgroupV1: false,
    failSwapOn: false,
    containerRuntimeEndpoint: `unix://${layout.containerdSocket}`,
    podLogsDir: layout.podLogs,
    authentication: {
      anonymous: { enabled: true },
      webhook: { enabled: false },
    },
    authorization: { mode: 'AlwaysAllow' },
    clusterDNS: [podNetwork.hostAddress],
    clusterDomain: podNetwork.clusterDomain,
    resolvConf: '/etc/resolv.conf',
    serializeImagePulls: false,
    // Images exist only locally: never garbage-collect them because the disk looks full.
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
    evictionHard: {
      'memory.available': '200Mi',
      'nodefs.available': '1%',
      'imagefs.available': '1%',
    },
    // Quick status updates: tests wait on pod readiness.
    nodeStatusUpdateFrequency: '4s',
    syncFrequency: '10s',
    fileCheckFrequency: '10s',
    shutdownGracePeriod: '0s',
    maxPods: 110,
  });
}

/** Flags that have no config-file field, or must name this host (see the notes). */
export function kubeletArgs(layout: RealClusterLayout, kubeconfig: string): string[] {
  return [
    `--config=${layout.kubeletConfig}`,
    `--kubeconfig=${kubeconfig}`,
    `--root-dir=${layout.kubeletRoot}`,
    `--cert-dir=${path.join(layout.kubeletRoot, 'pki')}`,
    `--node-ip=${podNetwork.nodeIp}`,
    '--v=1',
  ];
}

/**
 * kube-proxy (iptables mode) makes ClusterIP Services work between pods. It leaves the
 * conntrack sysctls alone (0 = do not change) and does not route to NodePorts on localhost
 * (which would flip route_localnet for the whole host).
 */
export function kubeProxyArgs(
  kubeconfig: string,
  nodeName: string,
  ports: { readonly healthz: number; readonly metrics: number },
): string[] {
  return [
    `--kubeconfig=${kubeconfig}`,
    `--hostname-override=${nodeName}`,
    '--proxy-mode=iptables',
    `--cluster-cidr=${podNetwork.subnet}`,
    '--conntrack-max-per-core=0',
    '--conntrack-tcp-timeout-established=0',
    '--conntrack-tcp-timeout-close-wait=0',
    '--iptables-localhost-nodeports=false',
    `--healthz-bind-address=127.0.0.1:${ports.healthz}`,
    `--metrics-bind-address=127.0.0.1:${ports.metrics}`,
    '--v=1',
  ];
}

/**
 * The cluster DNS: CoreDNS on the host, bound to the bridge's host address (where kubelet points
 * every pod's resolv.conf), answering Services from the API server through the admin
 * kubeconfig and forwarding everything else to the host's resolver. Pods cannot reach the API
 * server (it listens on the host's loopback), so CoreDNS cannot run as a pod here.
 */
export function corefile(kubeconfig: string, healthPort: number, readyPort: number): string {
  return `${podNetwork.clusterDomain}:53 in-addr.arpa:53 ip6.arpa:53 {
    bind ${podNetwork.hostAddress}
    errors
    kubernetes ${podNetwork.clusterDomain} in-addr.arpa ip6.arpa {
        kubeconfig ${kubeconfig}
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 5
    }
    cache 5
    loadbalance
}
.:53 {
    bind ${podNetwork.hostAddress}
    errors
    health 127.0.0.1:${healthPort}
    ready 127.0.0.1:${readyPort}
    forward . /etc/resolv.conf
    cache 30
}
`;
}
