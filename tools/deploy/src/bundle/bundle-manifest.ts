import type { Lockfile } from './prune-lockfile';

/** The workspace's root `package.json`, as far as bundling reads it. */
export interface WorkspaceManifest {
  readonly engines?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/** The `package.json` written next to an app's bundle. */
export interface BundleManifest {
  readonly name: string;
  readonly version: string;
  readonly private: true;
  readonly type: 'commonjs';
  readonly main: 'dist/main.js';
  readonly engines?: Readonly<Record<string, string>>;
  readonly scripts: { readonly start: string };
  readonly dependencies: Readonly<Record<string, string>>;
}

/**
 * The `package.json` of one app's bundle: only the npm packages the bundle imports, each pinned
 * to the version the workspace's lock file installed (the version the tests ran against).
 *
 * @throws Error for a package that the workspace lists only as a dev dependency (the image would
 *   not have it) or does not list at all, naming the app and the packages.
 */
export function bundleManifest(
  app: string,
  imported: readonly string[],
  workspace: WorkspaceManifest,
  lock: Lockfile,
): BundleManifest {
  const declared = workspace.dependencies ?? {};
  const undeclared = imported.filter((name) => declared[name] === undefined);
  if (undeclared.length > 0) {
    const devOnly = undeclared.filter((name) => workspace.devDependencies?.[name] !== undefined);
    throw new Error(
      `${app} imports ${undeclared.join(', ')}, which the root package.json does not list under ` +
        `"dependencies"${devOnly.length > 0 ? ` (dev only: ${devOnly.join(', ')})` : ''}`,
    );
  }
  const dependencies: Record<string, string> = {};
  for (const name of [...imported].sort()) {
    const version = lock.packages[`node_modules/${name}`]?.version;
    if (version === undefined) throw new Error(`package-lock.json has no node_modules/${name}`);
    dependencies[name] = version;
  }
  return {
    name: `@cqrs/${app}`,
    version: '0.0.0',
    private: true,
    type: 'commonjs',
    main: 'dist/main.js',
    ...(workspace.engines?.node !== undefined ? { engines: { node: workspace.engines.node } } : {}),
    scripts: { start: 'node dist/main.js' },
    dependencies,
  };
}
