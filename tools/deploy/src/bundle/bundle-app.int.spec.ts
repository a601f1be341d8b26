import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '@cqrs/tools-infra';
import { uniqueName } from '@cqrs/framework-core/testing';
import { discoverApps, LOCAL_JWT_SECRET } from '@cqrs/tools-workspace';
import { bundleApp, type AppBundle } from './bundle-app';

const mongoUrl = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';
const kafkaBrokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
// npm runs its lifecycle checks (engines) against the Node that runs the tests: Node 24.
const pathWithOurNode = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;

/** Starts the bundle as the image does, with the app contract's environment and nothing else. */
function startBundle(dir: string): { child: ChildProcess; url: Promise<string>; lines: string[] } {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: pathWithOurNode,
      SERVICE_NAME: 'customers-qryh',
      HOST: '127.0.0.1',
      PORT: '0',
      MONGO_URL: mongoUrl,
      MONGO_DB: uniqueName('deploy-bundle'),
      KAFKA_BROKERS: kafkaBrokers,
      JWT_HS256_SECRET: LOCAL_JWT_SECRET,
    },
  });
  const lines: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'http server listening' && entry.url) resolve(entry.url);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${lines.join('\n')}`)));
  });
  return { child, url, lines };
}

describe('an app bundle (what the image runs)', () => {
  const app = discoverApps().find((a) => a.name === 'customers-qryh');
  let dir: string;
  let bundle: AppBundle;

  beforeAll(async () => {
    if (app === undefined) throw new Error('customers-qryh not found');
    dir = mkdtempSync(path.join(tmpdir(), 'bundle-'));
    bundle = await bundleApp({ app, root: repoRoot, outDir: dir });
    const install = spawnSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: pathWithOurNode } },
    );
    if (install.status !== 0) throw new Error(`npm ci failed:\n${install.stderr}`);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the workspace code and declares only production npm packages', () => {
    const main = readFileSync(bundle.mainFile, 'utf8');
    const installed = readdirSync(path.join(dir, 'node_modules'));

    expect(main).not.toMatch(/require\("@cqrs\//);
    expect(Object.keys(bundle.manifest.dependencies)).toEqual(
      expect.arrayContaining(['express', 'mongodb', 'pino', 'zod']),
    );
    for (const devOnly of ['jest', 'esbuild', 'typescript', 'nx', 'pino-pretty', 'tsx']) {
      expect(installed).not.toContain(devOnly);
    }
    expect(existsSync(path.join(dir, 'node_modules', 'mongodb', 'package.json'))).toBe(true);
  });

  it('starts with its declared dependencies only, is ready, and exits 0 on SIGTERM', async () => {
    const { child, url, lines } = startBundle(dir);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    try {
      const readyz = await fetch(`${await url}/readyz`);
      expect(readyz.status).toBe(200);
      expect(await readyz.json()).toMatchObject({ ready: true });
    } finally {
      child.kill('SIGTERM');
    }

    expect(await exited).toBe(0);
    expect(lines.join('\n')).toMatch(/"msg":"stopped cleanly"/);
  });
});
