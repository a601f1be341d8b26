import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** tools/cluster/src -> tools/cluster/scripts. */
const installScript = path.resolve(__dirname, '../scripts/install-packages.sh');

/**
 * Installs the Debian packages the real node and the image builds use (containerd, runc, the
 * CNI plugins, buildah, debootstrap, catatonit, iptables, nftables, conntrack) when any is
 * missing, through tools/cluster/scripts/install-packages.sh, rather than failing half-way
 * through a start or a build. Does nothing, quickly, when all are there.
 *
 * @throws Error with the script's output when the install fails (not root, no registry).
 */
export async function ensureHostPackages(log: (line: string) => void): Promise<void> {
  try {
    const { stdout } = await run('sh', [installScript], { maxBuffer: 16 * 1024 * 1024 });
    for (const line of stdout.split('\n').filter(Boolean)) log(line);
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`installing the node's Debian packages failed:\n${stdout}${stderr}`, {
      cause: error,
    });
  }
}
