import { parse } from 'yaml';
import { cniConflist } from './cni';
import { containerdConfig } from './containerd';
import { corefile, kubeProxyArgs, kubeletConfig } from './kubelet';
import { podNetwork, realClusterLayout } from './layout';

const layout = realClusterLayout('/state');

describe('the real node configuration', () => {
  describe('containerd', () => {
    const config = containerdConfig(layout);

    it('keeps every path and its socket under the state directory', () => {
      expect(config).toContain('root = "/state/containerd/root"');
      expect(config).toContain('state = "/state/containerd/state"');
      expect(config).toContain('address = "/state/containerd/containerd.sock"');
      expect(config).toContain('conf_dir = "/state/cni/net.d"');
    });

    it('works around this host: runc on cgroupfs, no oom_score_adj below ours, a local pause image', () => {
      expect(config).toContain('BinaryName = "/usr/sbin/runc"');
      expect(config).toContain('SystemdCgroup = false');
      expect(config).toContain('restrict_oom_score_adj = true');
      expect(config).toContain('sandbox_image = "localhost/pause:3"');
    });
  });

  describe('the CNI bridge', () => {
    const conflist = cniConflist(layout);

    it('gives pods addresses on the bridge subnet with the host as gateway, leases under the state dir', () => {
      const bridge = conflist.plugins[0] as {
        bridge: string;
        ipam: { dataDir: string; ranges: { subnet: string; gateway: string }[][] };
      };
      expect(bridge.bridge).toBe(podNetwork.bridge);
      expect(bridge.ipam.ranges[0]?.[0]).toEqual({
        subnet: podNetwork.subnet,
        gateway: podNetwork.hostAddress,
      });
      expect(bridge.ipam.dataDir).toBe('/state/cni/ipam');
    });

    it('maps hostPorts (portmap)', () => {
      expect(conflist.plugins.map((p) => p.type)).toEqual(['bridge', 'portmap']);
    });
  });

  describe('the kubelet', () => {
    const config = parse(kubeletConfig(layout, 10250, 10248)) as Record<string, unknown>;

    it('accepts this host: cgroup v1 with cgroupfs, swap, a loopback address', () => {
      expect(config).toMatchObject({
        cgroupDriver: 'cgroupfs',
        failCgroupV1: false,
        failSwapOn: false,
        address: '127.0.0.1',
        port: 10250,
        readOnlyPort: 0,
      });
    });

    it('points pods at the cluster DNS on the bridge and at containerd', () => {
      expect(config.clusterDNS).toEqual([podNetwork.hostAddress]);
      expect(config.containerRuntimeEndpoint).toBe('unix:///state/containerd/containerd.sock');
    });
  });

  it('kube-proxy leaves the host conntrack and localnet settings alone', () => {
    const args = kubeProxyArgs('/k', 'vm', { healthz: 1, metrics: 2 });
    expect(args).toEqual(
      expect.arrayContaining([
        '--conntrack-max-per-core=0',
        '--iptables-localhost-nodeports=false',
        '--proxy-mode=iptables',
      ]),
    );
  });

  it('CoreDNS answers only on the bridge address, Services from the API, the rest forwarded', () => {
    const file = corefile('/k', 1, 2);
    expect(file.match(/bind 10\.244\.77\.1/g)).toHaveLength(2);
    expect(file).toContain('kubeconfig /k');
    expect(file).toContain('forward . /etc/resolv.conf');
  });
});
