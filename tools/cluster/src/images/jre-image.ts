import { runCommand } from './command';
import { debianRootfs } from './debian-rootfs';
import { ensureImage, type BuiltImage } from './image-recipe';
import type { ImageStore } from './image-store';

/** The Java runtime the in-cluster Kafka and engine images build on. */
export const jreImage = 'localhost/cqrs/jre:17';

/** Java 17, what tools/infra runs Kafka and the engine with on the host. */
const packages = ['openjdk-17-jre-headless'];

/** The uid and gid the Java images run as; manifests chown their volumes to it. */
export const javaUser = '1000:1000';

/**
 * `localhost/cqrs/jre:17`: a slim debootstrapped bookworm with Debian's OpenJDK 17 JRE
 * (headless) and a user `java` (1000). No JRE image can be pulled here; the debootstrap result
 * is cached, so a rebuild takes seconds.
 */
export async function ensureJreImage(
  store: ImageStore,
  log: (line: string) => void,
): Promise<BuiltImage> {
  const rootfs = await debianRootfs(store, packages, log);
  const image = await ensureImage(store, {
    name: jreImage,
    from: 'scratch',
    inputs: rootfs.key,
    async populate(root) {
      await runCommand('cp', ['-a', `${rootfs.dir}/.`, root]);
    },
    run: [
      ['groupadd', '--gid', '1000', 'java'],
      ['useradd', '--uid', '1000', '--gid', 'java', '--create-home', 'java'],
      ['java', '-version'],
    ],
    config: {
      env: {
        PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        JAVA_HOME: '/usr/lib/jvm/java-17-openjdk-amd64',
      },
    },
  });
  log(`${jreImage}: ${image.built ? 'built' : 'up to date'}`);
  return image;
}
