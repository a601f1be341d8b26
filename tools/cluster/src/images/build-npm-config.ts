import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from './command';
import type { ImageStore } from './image-store';

/** Where the Node image's npm reads its global config: `$PREFIX/etc`, PREFIX being /usr/local. */
export const npmConfigMountPoint = '/usr/local/etc';
const caName = 'host-ca.crt';
const passedKeys = ['registry', 'https-proxy', 'proxy', 'noproxy', 'cafile'] as const;

/** The host's npm settings that a build's `npm ci` must share to reach the same registry. */
export type HostNpmConfig = Partial<Record<(typeof passedKeys)[number], string>>;

/** Parses `npm config get k1 k2...` (`key=value` lines; `null` and empty mean unset). */
export function parseNpmConfigGet(out: string): HostNpmConfig {
  const config: HostNpmConfig = {};
  for (const line of out.split('\n')) {
    const eq = line.indexOf('=');
    const key = line.slice(0, eq) as keyof HostNpmConfig;
    const value = line.slice(eq + 1).trim();
    if (eq > 0 && passedKeys.includes(key) && value !== '' && value !== 'null') config[key] = value;
  }
  return config;
}

/** The npmrc of a build: the host's registry and proxies, the host's CA bundle when it has one. */
export function buildNpmrc(host: HostNpmConfig, hasCa: boolean): string {
  const lines = (['registry', 'https-proxy', 'proxy', 'noproxy'] as const)
    .filter((key) => host[key] !== undefined)
    .map((key) => `${key}=${host[key]}`);
  if (hasCa) lines.push(`cafile=${npmConfigMountPoint}/${caName}`);
  return [...lines, 'update-notifier=false', ''].join('\n');
}

/**
 * Writes the directory that `buildah bud` mounts at /usr/local/etc in every RUN step: npm's
 * global npmrc and the host's CA bundle. Registry TLS is intercepted on these machines and Node
 * in the build trusts only its own CAs. The Dockerfile stays unchanged (it declares no ARG for
 * this, and bud has no --env for RUN), and the image keeps no trace: the mount point exists in
 * the base image already and is empty again after each step. Returns the directory.
 */
export async function writeBuildNpmConfig(store: ImageStore): Promise<string> {
  const host = parseNpmConfigGet(await runCommand('npm', ['config', 'get', ...passedKeys]));
  const ca = [host.cafile, process.env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt']
    .filter((file): file is string => file !== undefined && file !== '')
    .find((file) => existsSync(file));
  const dir = path.join(store.dir, 'build-npm-config');
  mkdirSync(dir, { recursive: true });
  if (ca !== undefined) copyFileSync(ca, path.join(dir, caName));
  writeFileSync(path.join(dir, 'npmrc'), buildNpmrc(host, ca !== undefined));
  return dir;
}
