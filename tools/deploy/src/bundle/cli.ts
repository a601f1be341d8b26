import { repoRoot } from '@cqrs/tools-infra';
import { discoverApps, selectApps } from '@cqrs/tools-workspace';
import { bundleApp } from './bundle-app';

const usage = `usage: tsx tools/deploy/src/bundle/cli.ts <app or service>...

Bundles each app into dist/apps/<service>/<role>/ (dist/main.js, package.json and a pruned
package-lock.json): what deploy/Dockerfile builds the app's image from. Nx runs it as the
\`bundle\` target of every app: \`nx affected -t bundle\`.`;

async function main(argv: readonly string[]): Promise<void> {
  const names = argv.filter((a) => a !== '--');
  if (names.length === 0 || names.includes('--help') || names.includes('-h')) {
    console.log(usage);
    if (names.length === 0) process.exitCode = 2;
    return;
  }
  for (const app of selectApps(discoverApps(), names)) {
    const bundle = await bundleApp({ app, root: repoRoot });
    for (const warning of bundle.warnings) console.warn(`${app.name}: warning: ${warning}`);
    const deps = Object.entries(bundle.manifest.dependencies)
      .map(([name, version]) => `${name}@${version}`)
      .join(' ');
    console.log(`${app.name}: ${(bundle.bytes / 1024).toFixed(0)} KiB -> ${bundle.outDir}`);
    console.log(`  dependencies: ${deps}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`bundle: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
