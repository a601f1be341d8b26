import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import type { DevApp } from '@cqrs/tools-workspace';
import { bundleManifest, type BundleManifest, type WorkspaceManifest } from './bundle-manifest';
import { packageNameOf } from './package-name';
import { pruneLockfile, type Lockfile } from './prune-lockfile';

export interface BundleAppOptions {
  readonly app: DevApp;
  /** The workspace root: its package.json, package-lock.json and tsconfig.base.json are read. */
  readonly root: string;
  /** Where the bundle goes (replaced); default `dist/apps/<service>/<role>` under the root. */
  readonly outDir?: string;
}

/** What `bundleApp` wrote. */
export interface AppBundle {
  readonly app: string;
  readonly outDir: string;
  /** `<outDir>/dist/main.js`. */
  readonly mainFile: string;
  /** Size of `main.js` in bytes. */
  readonly bytes: number;
  readonly manifest: BundleManifest;
  /** Build warnings (e.g. a dynamic require esbuild could not follow). */
  readonly warnings: readonly string[];
}

/**
 * Marks npm packages (and Node built-ins) external *and* free of import-time side effects, so an
 * import whose bindings the app never uses is dropped: a workspace library's barrel then no
 * longer drags, say, kafkajs into an app that never talks to Kafka. Workspace imports (`@cqrs/`)
 * and relative paths are left to esbuild and bundled.
 */
const sideEffectFreePackages: Plugin = {
  name: 'side-effect-free-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@cqrs/')
        ? undefined
        : { path: args.path, external: true, sideEffects: false },
    );
  },
};

/** Where an app's bundle goes by default, relative to the workspace root. */
export const bundleDirOf = (app: Pick<DevApp, 'service' | 'role'>): string =>
  path.join('dist', 'apps', app.service, app.role);

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/**
 * Bundles one app for its image: the app's code and every workspace library it imports go into
 * one CommonJS file, `dist/main.js`, run with `node dist/main.js`; npm packages stay external and
 * are listed in a `package.json` with a pruned `package-lock.json` beside it, so that
 * `npm ci --omit=dev` installs the app's production dependencies and nothing else.
 *
 * @throws Error when the build fails or the app imports a package the workspace does not declare
 *   as a production dependency.
 */
export async function bundleApp(options: BundleAppOptions): Promise<AppBundle> {
  const { app, root } = options;
  const outDir = path.resolve(root, options.outDir ?? bundleDirOf(app));
  const mainFile = path.join(outDir, 'dist', 'main.js');
  rmSync(outDir, { recursive: true, force: true });

  const result = await build({
    entryPoints: [app.entry],
    outfile: mainFile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    // Workspace libraries resolve through tsconfig paths and are bundled; npm packages are not.
    tsconfig: path.join(root, 'tsconfig.base.json'),
    packages: 'external',
    plugins: [sideEffectFreePackages],
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    // Readable stack traces in production logs without shipping source maps.
    minify: false,
    keepNames: true,
  });

  const imported = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const entry of output.imports) {
      const name = entry.external ? packageNameOf(entry.path) : undefined;
      if (name !== undefined) imported.add(name);
    }
  }
  const workspace = readJson<WorkspaceManifest>(path.join(root, 'package.json'));
  const lock = readJson<Lockfile>(path.join(root, 'package-lock.json'));
  const manifest = bundleManifest(app.name, [...imported], workspace, lock);
  const pruned = pruneLockfile(lock, manifest);

  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'package-lock.json'), `${JSON.stringify(pruned, null, 2)}\n`);
  return {
    app: app.name,
    outDir,
    mainFile,
    bytes: statSync(mainFile).size,
    manifest,
    warnings: result.warnings.map((w) => `${w.location?.file ?? ''}: ${w.text}`),
  };
}
