import path from 'node:path';
import type { RealClusterLayout } from './layout';
import { podNetwork } from './layout';

/**
 * The pods' network: one Linux bridge with the host as gateway (`.1`), addresses from
 * host-local IPAM (its lease files under the cluster's state, not /var/lib/cni), masquerade for
 * traffic leaving the subnet, hairpin so a pod reaches itself through its Service, and portmap
 * for `hostPort` (the in-cluster Kafka and engine are published on 127.0.0.1 for tests).
 */
export function cniConflist(layout: RealClusterLayout) {
  return {
    cniVersion: '1.0.0',
    name: 'cqrs-pods',
    plugins: [
      {
        type: 'bridge',
        bridge: podNetwork.bridge,
        isGateway: true,
        ipMasq: true,
        hairpinMode: true,
        ipam: {
          type: 'host-local',
          dataDir: layout.cniIpam,
          ranges: [[{ subnet: podNetwork.subnet, gateway: podNetwork.hostAddress }]],
          routes: [{ dst: '0.0.0.0/0' }],
        },
      },
      { type: 'portmap', capabilities: { portMappings: true }, snat: true },
    ],
  };
}

export const cniConflistFile = (layout: RealClusterLayout) =>
  path.join(layout.cniConfDir, '10-cqrs-pods.conflist');
