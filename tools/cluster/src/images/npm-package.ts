import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from './command';
import type { ImageStore } from './image-store';

/**
 * A package from the npm registry, unpacked: `<store>/tarballs/<name>-<version>/package`.
 * Fetched once with `npm pack` (which checks the registry's integrity hash) and kept, because
 * the registry is the only place this machine can get Node and npm from.
 */
export async function unpackedPackage(
  store: ImageStore,
  name: string,
  version: string,
): Promise<string> {
  const dir = path.join(store.tarballDir, `${name}-${version}`);
  const packageDir = path.join(dir, 'package');
  if (existsSync(path.join(packageDir, 'package.json'))) return packageDir;

  mkdirSync(store.tarballDir, { recursive: true });
  const work = mkdtempSync(`${dir}.tmp-`);
  try {
    await runCommand('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', work]);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`npm pack ${name}@${version} wrote no tarball`);
    await runCommand('tar', ['-xzf', path.join(work, tarball), '-C', work]);
    rmSync(path.join(work, tarball));
    if (existsSync(dir)) rmSync(work, { recursive: true });
    else renameSync(work, dir);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return packageDir;
}
