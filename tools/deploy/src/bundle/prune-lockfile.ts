/** One entry of `package-lock.json`'s `packages` map (lockfile v2/v3), as far as we read it. */
export interface LockPackage {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly license?: string;
  readonly link?: boolean;
  readonly dev?: boolean;
  readonly optional?: boolean;
  readonly devOptional?: boolean;
  readonly peer?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly [key: string]: unknown;
}

/** The parts of a `package-lock.json` (lockfile v2 or v3) that pruning needs. */
export interface Lockfile {
  readonly lockfileVersion: number;
  readonly packages: Readonly<Record<string, LockPackage>>;
}

/**
 * Where npm finds `name` when required from the package installed at `from` (`''` is the root):
 * its own `node_modules`, then each enclosing `node_modules` up to the root's.
 */
export function resolveLocation(
  packages: Lockfile['packages'],
  from: string,
  name: string,
): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

const withoutDevFlags = (entry: LockPackage, optional: boolean): LockPackage => {
  const { dev: _dev, devOptional: _devOptional, peer: _peer, optional: _optional, ...rest } = entry;
  return optional ? { ...rest, optional: true } : rest;
};

/**
 * The part of the workspace's lock file that installing `dependencies` needs: every package
 * reachable from them through dependencies, required peers and (when present) optional
 * dependencies, at the same locations as in the workspace, so `npm ci` in a bundle installs
 * exactly the versions the workspace was tested with. Dev flags are dropped: in the bundle every
 * kept package is a production one.
 *
 * @throws Error naming a package (and who needs it) that the lock file does not have.
 */
export function pruneLockfile(
  lock: Lockfile,
  root: { readonly name: string; readonly dependencies: Readonly<Record<string, string>> },
): Lockfile & { readonly name: string; readonly requires: true } {
  if (lock.lockfileVersion < 2) {
    throw new Error(`lockfileVersion ${lock.lockfileVersion} has no "packages" map; use npm 7+`);
  }
  // location -> reached only through optional edges so far
  const kept = new Map<string, boolean>();
  const visit = (from: string, name: string, optional: boolean): void => {
    const location = resolveLocation(lock.packages, from, name);
    if (location === undefined) {
      if (optional) return;
      throw new Error(`package-lock.json has no ${name} (needed by ${from || root.name})`);
    }
    const seen = kept.get(location);
    if (seen === false || (seen === true && optional)) return;
    kept.set(location, optional);
    const entry = lock.packages[location] as LockPackage;
    if (entry.link === true) throw new Error(`${location} is a workspace link, not a package`);
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(location, dep, optional);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(location, dep, true);
    for (const dep of Object.keys(entry.peerDependencies ?? {})) {
      if (entry.peerDependenciesMeta?.[dep]?.optional !== true) visit(location, dep, optional);
    }
  };
  for (const dep of Object.keys(root.dependencies)) visit('', dep, false);

  const packages: Record<string, LockPackage> = {
    '': { name: root.name, version: '0.0.0', dependencies: { ...root.dependencies } },
  };
  for (const location of [...kept.keys()].sort()) {
    packages[location] = withoutDevFlags(
      lock.packages[location] as LockPackage,
      kept.get(location) === true,
    );
  }
  return { name: root.name, lockfileVersion: 3, requires: true, packages };
}
