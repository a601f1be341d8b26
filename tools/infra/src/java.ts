import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './config';

const run = promisify(execFile);
const infraDir = path.join(repoRoot, 'tools/infra');

/** Fails with a message naming what is missing when Java 17+ or Maven is not installed. */
export async function checkJavaToolchain(): Promise<void> {
  let javaVersion: string;
  try {
    // `java -version` prints to stderr.
    const { stderr } = await run('java', ['-version']);
    javaVersion = stderr;
  } catch {
    throw new Error(
      'Java 17 or newer is required to run Kafka and the MongoDB-compatible engine, but `java` was not found on PATH. Install a JDK 17+ (e.g. `apt-get install openjdk-17-jdk-headless`).',
    );
  }
  const major = Number(/version "(\d+)/.exec(javaVersion)?.[1] ?? 0);
  if (major < 17) {
    throw new Error(`Java 17 or newer is required; found: ${javaVersion.split('\n')[0]}`);
  }
  try {
    await run('mvn', ['-v']);
  } catch {
    throw new Error(
      'Apache Maven is required to fetch the Kafka and engine jars from Maven Central, but `mvn` was not found on PATH (e.g. `apt-get install maven`).',
    );
  }
}

/** A fingerprint of the files a build depends on, so unchanged inputs are not rebuilt. */
function fingerprint(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files.sort()) hash.update(file).update(readFileSync(file));
  return hash.digest('hex');
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/**
 * Resolves (and for the engine, compiles) a Maven module under tools/infra and returns its
 * runtime classpath. Jars land in the local Maven repository (~/.m2), outside git; the result
 * is cached under the data dir until the module's POM or sources change.
 */
export async function resolveClasspath(
  module: 'kafka' | 'mongo',
  cacheDir: string,
  log: (line: string) => void,
): Promise<string> {
  const moduleDir = path.join(infraDir, module);
  const inputs = [path.join(moduleDir, 'pom.xml'), ...filesUnder(path.join(moduleDir, 'src'))];
  const stamp = fingerprint(inputs);
  const cacheFile = path.join(cacheDir, `${module}.classpath`);
  const stampFile = `${cacheFile}.stamp`;
  const jar = path.join(moduleDir, 'target/mongo-engine-1.0.0.jar');
  const fresh =
    existsSync(cacheFile) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === stamp &&
    (module === 'kafka' || existsSync(jar));
  if (fresh) return readFileSync(cacheFile, 'utf8').trim();

  await mkdir(cacheDir, { recursive: true });
  log(`resolving ${module} jars from Maven Central (first run only)...`);
  const goals =
    module === 'mongo' ? ['package', 'dependency:build-classpath'] : ['dependency:build-classpath'];
  try {
    await run(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        path.join(moduleDir, 'pom.xml'),
        ...goals,
        `-Dmdep.outputFile=${cacheFile}`,
      ],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`Maven failed for tools/infra/${module}:\n${e.stdout ?? ''}${e.stderr ?? ''}`, {
      cause: err,
    });
  }
  const deps = readFileSync(cacheFile, 'utf8').trim();
  const classpath = module === 'mongo' ? `${jar}${path.delimiter}${deps}` : deps;
  writeFileSync(cacheFile, classpath);
  writeFileSync(stampFile, stamp);
  return classpath;
}
