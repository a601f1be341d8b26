import { engineClasspath, parseInfraConfig } from '@cqrs/tools-infra';
import { copyIntoImage, hashImageFiles, ownedDirectories } from './copy-files';
import { ensureImage, type BuiltImage } from './image-recipe';
import type { ImageStore } from './image-store';
import { libFiles } from './java-libs';
import { ensureJreImage, javaUser, jreImage } from './jre-image';

/** Where the engine keeps its H2 file: the volume of deploy/k8s/local/engine.yaml. */
const engineDataDir = '/var/lib/engine';

/**
 * `localhost/cqrs/engine:<hash>`: on the JRE image, the MongoDB-compatible engine of
 * tools/infra (our launcher jar, built with Maven, and its dependencies) in /opt/engine/libs,
 * started as `cqrs.infra.mongo.EngineLauncher` on 0.0.0.0:27017 and persistent (H2 file in
 * /var/lib/engine). The tag is a hash of the jars, so a changed launcher is a new image that a
 * Deployment rolls to. JVM options (heap) come from JDK_JAVA_OPTIONS. Runs as 1000:1000.
 */
export async function ensureEngineImage(
  store: ImageStore,
  log: (line: string) => void,
): Promise<BuiltImage> {
  await ensureJreImage(store, log);
  const files = libFiles(await engineClasspath(parseInfraConfig(), log), '/opt/engine/libs');
  const hash = hashImageFiles(files);
  const name = `localhost/cqrs/engine:${hash.slice(0, 12)}`;
  const image = await ensureImage(store, {
    name,
    from: jreImage,
    inputs: hash,
    populate(root) {
      copyIntoImage(root, files);
      ownedDirectories(root, [engineDataDir], javaUser);
    },
    config: {
      user: javaUser,
      env: { JDK_JAVA_OPTIONS: '-Xms256m -Xmx1g' },
      entrypoint: [
        'java',
        '-XX:+UseG1GC',
        '-cp',
        '/opt/engine/libs/*',
        'cqrs.infra.mongo.EngineLauncher',
      ],
      cmd: ['--host', '0.0.0.0', '--port', '27017', '--h2-file', `${engineDataDir}/engine.mv.db`],
      ports: [27017],
    },
  });
  log(`${name}: ${image.built ? 'built' : 'up to date'}`);
  return image;
}
