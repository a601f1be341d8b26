import { existsSync } from 'node:fs';
import { realClusterLayout, repoRoot } from '../node/layout';
import { buildAppImages } from './app-images';
import { appsOf } from './app-selection';
import { imageSize } from './buildah';
import { parseImagesArgs, usage, UsageError, type ImagesRequest } from './cli-args';
import { ensureEngineImage } from './engine-image';
import { ensureHostPackages } from '../host-packages';
import { imageStore } from './image-store';
import { ensureKafkaImage } from './kafka-image';
import { loadImages } from './load-images';

const started = Date.now();
const log = (line: string) =>
  console.log(`[images ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

interface Row {
  readonly image: string;
  readonly result: string;
}

async function run(request: ImagesRequest): Promise<void> {
  await ensureHostPackages(log);
  const store = imageStore();
  const apps = await appsOf(request.selection, repoRoot, (name, why) =>
    log(`${name}: skipped, ${why}`),
  );
  const rows: Row[] = [];
  let tag: string | undefined;
  if (apps.length > 0) {
    const built = await buildAppImages({ store, root: repoRoot, apps, tag: request.tag, log });
    tag = built.tag;
    rows.push(
      ...built.images.map((i) => ({
        image: i.image,
        result: `${i.result} ${i.seconds.toFixed(1)}s`,
      })),
    );
  } else if (request.selection.kind !== 'none') {
    log('no app selected');
  }
  if (request.infra) {
    for (const ensure of [ensureKafkaImage, ensureEngineImage]) {
      const image = await ensure(store, log);
      rows.push({ image: image.name, result: image.built ? 'built' : 'up to date' });
    }
  }
  for (const row of rows)
    console.log(`${row.image}  ${await imageSize(store, row.image)}  (${row.result})`);
  if (rows.length === 0) return;

  const socket = request.containerdSocket ?? realClusterLayout().containerdSocket;
  const images = rows.map((r) => r.image);
  if (existsSync(socket) || request.load === 'required')
    await loadImages(store, images, socket, log);
  else log(`not loaded: no containerd at ${socket} (the node is not running; --load insists)`);
  if (tag !== undefined)
    log(`tag ${tag}: npm run deploy -- ... --image-tag ${tag} --values deploy/values.local.yaml`);
}

async function main(argv: readonly string[]): Promise<void> {
  const request = parseImagesArgs(argv);
  if (request === 'help') {
    console.log(usage);
    return;
  }
  await run(request);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`images: ${error.message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  console.error(`images: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
