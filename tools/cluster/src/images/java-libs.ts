import path from 'node:path';
import type { ImageFile } from './copy-files';

/**
 * The jars of a Maven classpath as image files in one directory, so the JVM can load them with
 * a `<dir>/*` classpath however the local repository is laid out.
 *
 * @throws Error when two jars share a file name (one would silently replace the other).
 */
export function libFiles(classpath: string, dir: string): ImageFile[] {
  const jars = classpath.split(path.delimiter).filter((jar) => jar !== '');
  const byName = new Map<string, string>();
  for (const jar of jars) {
    const name = path.basename(jar);
    const other = byName.get(name);
    if (other !== undefined) throw new Error(`two jars named ${name}: ${other} and ${jar}`);
    byName.set(name, jar);
  }
  return jars.map((jar) => ({ from: jar, to: path.posix.join(dir, path.basename(jar)) }));
}
