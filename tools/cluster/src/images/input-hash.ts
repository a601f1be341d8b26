import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A short, stable hash of strings (names, versions, recipes): image labels and tags. */
export function hashOf(parts: readonly (string | Buffer)[], length = 16): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, length);
}

/** Every regular file under `dir` (relative paths, sorted): the inputs of a directory. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort();
}

/**
 * A hash of files' names, contents and modes, so a rebuilt image reflects any change to what it
 * copies (an executable bit included). `base` only shortens the names that go into the hash.
 */
export function hashFiles(files: readonly string[], base: string): string {
  return hashOf(
    files.flatMap((file) => [
      path.relative(base, file),
      String(statSync(file).mode & 0o777),
      readFileSync(file),
    ]),
  );
}
