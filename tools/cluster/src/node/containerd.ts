import type { RealClusterLayout } from './layout';
import { localImages } from './layout';

/**
 * containerd 1.6 (Debian's) as the node's CRI runtime, every path under the cluster's state
 * directory. The host facts behind each setting are in shared/notes/containers.md:
 * cgroup v1 only (cgroupfs, no systemd), crun refuses hybrid cgroups (runc), no
 * CAP_SYS_RESOURCE (restrict_oom_score_adj, else every sandbox fails), nothing can be pulled
 * (a local pause image).
 */
export function containerdConfig(layout: RealClusterLayout): string {
  return `version = 2
root = "${layout.containerdRoot}"
state = "${layout.containerdState}"

[grpc]
  address = "${layout.containerdSocket}"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${localImages.pause}"
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  enable_selinux = false
  max_container_log_line_size = 16384

[plugins."io.containerd.grpc.v1.cri".containerd]
  snapshotter = "overlayfs"
  default_runtime_name = "runc"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
  runtime_type = "io.containerd.runc.v2"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
  BinaryName = "/usr/sbin/runc"
  SystemdCgroup = false

[plugins."io.containerd.grpc.v1.cri".cni]
  bin_dir = "/usr/lib/cni"
  conf_dir = "${layout.cniConfDir}"
`;
}

/** `containerd --config <file>`: the process the node's supervisor starts and stops. */
export function containerdCommand(layout: RealClusterLayout) {
  return { name: 'containerd', command: 'containerd', args: ['--config', layout.containerdConfig] };
}
