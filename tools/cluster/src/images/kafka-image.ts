import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseInfraConfig, resolveClasspath } from '@cqrs/tools-infra';
import { repoRoot } from '../node/layout';
import { copyIntoImage, hashImageFiles, ownedDirectories, type ImageFile } from './copy-files';
import { ensureImage, type BuiltImage } from './image-recipe';
import type { ImageStore } from './image-store';
import { libFiles } from './java-libs';
import { ensureJreImage, javaUser, jreImage } from './jre-image';

const pom = path.join(repoRoot, 'tools/infra/kafka/pom.xml');
const here = path.join(__dirname, 'kafka');

/** Kafka's version: the one tools/infra's POM pins, so the cluster runs what tests run. */
export function kafkaVersion(pomText: string = readFileSync(pom, 'utf8')): string {
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pomText)?.[1];
  if (version === undefined) throw new Error(`${pom} has no <kafka.version>`);
  return version;
}

/**
 * `localhost/cqrs/kafka:<version>`: on the JRE image, the runtime classpath tools/infra
 * resolves from Maven Central (Kafka 3.9 and the reload4j binding) in /opt/kafka/libs,
 * tools/infra's log4j.properties (logs to stdout) and an entrypoint that writes
 * server.properties from the environment and formats KRaft storage on first start. Runs as
 * 1000:1000 with its data in /var/lib/kafka/data.
 */
export async function ensureKafkaImage(
  store: ImageStore,
  log: (line: string) => void,
): Promise<BuiltImage> {
  await ensureJreImage(store, log);
  const cacheDir = path.join(parseInfraConfig().dataDir, 'cache');
  const files: ImageFile[] = [
    ...libFiles(await resolveClasspath('kafka', cacheDir, log), '/opt/kafka/libs'),
    {
      from: path.join(repoRoot, 'tools/infra/kafka/log4j.properties'),
      to: '/opt/kafka/config/log4j.properties',
    },
    {
      from: path.join(here, 'server.defaults.properties'),
      to: '/opt/kafka/config/server.defaults.properties',
    },
    { from: path.join(here, 'entrypoint.sh'), to: '/opt/kafka/bin/entrypoint.sh', mode: 0o755 },
  ];
  const name = `localhost/cqrs/kafka:${kafkaVersion()}`;
  const image = await ensureImage(store, {
    name,
    from: jreImage,
    inputs: hashImageFiles(files),
    populate(root) {
      copyIntoImage(root, files);
      ownedDirectories(root, ['/var/lib/kafka/data'], javaUser);
    },
    config: {
      user: javaUser,
      workingDir: '/opt/kafka',
      entrypoint: ['/opt/kafka/bin/entrypoint.sh'],
      ports: [9092, 9093],
    },
  });
  log(`${name}: ${image.built ? 'built' : 'up to date'}`);
  return image;
}
