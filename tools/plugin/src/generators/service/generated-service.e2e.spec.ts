import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '@cqrs/framework-core/testing';
import { parseAllDocuments } from 'yaml';
import {
  bin,
  generatedWorkspace,
  type GeneratedWorkspace,
} from '../../testing/generated-workspace.ts';

/**
 * `nx g @cqrs/plugin:service parcels` (and `command parcels Archive`) in a copy of this
 * workspace, then exactly what a newcomer runs next: lint, typecheck, unit, integration (the
 * real broker and engine of this test run), openapi.yaml, `npm start` with the gateway, and the
 * rendered Kubernetes objects.
 */
const service = 'parcels';
let generated: GeneratedWorkspace;
let projects: readonly string[];
const run = (command: string, args: readonly string[]) => generated.run(command, args);

beforeAll(() => {
  generated = generatedWorkspace(service, ['Archive']);
  ({ projects } = generated);
}, 300_000);

afterAll(() => generated?.remove());

describe(`a service generated as ${service}, with a command Archive added`, () => {
  it('passes lint, typecheck and its unit tests, and is in openapi.yaml', () => {
    const checked = ['tools-workspace', 'tools-openapi', ...projects].join(',');
    run(bin('nx'), [
      'run-many',
      '-t',
      'lint',
      'typecheck',
      'test-unit',
      '-p',
      checked,
      '--skip-nx-cache',
    ]);
    run(bin('tsx'), ['--tsconfig', 'tsconfig.base.json', 'tools/openapi/src/cli.ts', 'check']);

    const openapi = readFileSync(path.join(generated.dir, 'openapi.yaml'), 'utf8');
    expect(openapi).toContain(`  /${service}:`);
    expect(openapi).toContain(`  /${service}/{id}/history:`);
    expect(openapi).toContain(`  /${service}/{id}/archive:`);
  });

  it('passes its integration tests against the real broker and engine', () => {
    const output = run(bin('nx'), [
      'run-many',
      '-t',
      'test-int',
      '-p',
      projects.join(','),
      '--parallel=1',
      '--skip-nx-cache',
      '--outputStyle=static',
    ]);

    // FORCE_COLOR=0: jest's summary lines come without colour codes.
    const passed = [...output.matchAll(/Tests:\s+(\d+) passed, \d+ total/g)].map((m) => m[1]);
    expect(passed.length).toBeGreaterThanOrEqual(projects.length - 1);
    expect(output).not.toMatch(/\d+ failed/);
  });

  it('runs under npm start, reachable through the gateway', async () => {
    const system = await startSystem();
    try {
      const token = run(bin('tsx'), [
        '--tsconfig',
        'tsconfig.base.json',
        'tools/dev/src/token.ts',
        '--sub',
        'e2e',
        '--roles',
        'service',
      ]).trim();
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

      const opened = await fetch(`${system.gatewayUrl}/${service}`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': `e2e-${Date.now()}` },
        body: JSON.stringify({ name: 'first' }),
      });
      expect(opened.status).toBe(201);
      const { id } = (await opened.json()) as { id: string };

      const read = await fetch(`${system.gatewayUrl}/${service}/${id}`, { headers });
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ id, name: 'first', status: 'open' });
      expect(await eventually(() => historyOf(system.gatewayUrl, id, headers))).toBe(1);

      const archived = await fetch(`${system.gatewayUrl}/${service}/${id}/archive`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': `e2e-archive-${Date.now()}` },
        body: '{}',
      });
      expect(archived.status).toBe(200);
      expect(archived.headers.get('etag')).toBe('"2"');
      expect(await eventually(() => historyOf(system.gatewayUrl, id, headers, 2))).toBe(2);
    } finally {
      await system.stop();
    }
  });

  it("renders every one of its apps' Kubernetes objects", () => {
    const rendered = run(bin('tsx'), [
      '--tsconfig',
      'tsconfig.base.json',
      'tools/deploy/src/render/cli.ts',
      service,
    ]);

    const objects = parseAllDocuments(rendered).map((document) => {
      const { kind, metadata } = document.toJS() as { kind: string; metadata: { name: string } };
      return `${kind}/${metadata.name}`;
    });
    for (const app of projects.slice(1)) expect(objects).toContain(`Deployment/${app}`);
  });
});

/** How many history entries the item has once it has at least `least`. */
async function historyOf(
  gatewayUrl: string,
  id: string,
  headers: Record<string, string>,
  least = 1,
): Promise<number | undefined> {
  const answer = await fetch(`${gatewayUrl}/${service}/${id}/history`, { headers });
  if (answer.status !== 200) return undefined;
  const { items } = (await answer.json()) as { items: unknown[] };
  return items.length >= least ? items.length : undefined;
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `npm start -- parcels` in the copy (its apps and the gateway), stopped by its pid. */
async function startSystem(): Promise<{ gatewayUrl: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    bin('tsx'),
    ['--tsconfig', 'tsconfig.base.json', 'tools/dev/src/start.ts', service],
    {
      cwd: generated.dir,
      env: generated.env({ GATEWAY_PORT: String(await freePort()), APPS_BASE_PORT: '3900' }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  const gatewayUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not up in 180 s:\n${output.slice(-4000)}`)),
      180_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const up = /gateway\s+(http:\/\/\S+)/.exec(output);
      if (up?.[1] && output.includes('CQRS+ is up')) {
        clearTimeout(timer);
        resolve(up[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    gatewayUrl,
    stop: async () => {
      if (child.pid === undefined) return;
      process.kill(child.pid, 'SIGINT');
      const killed = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000);
      await exited;
      clearTimeout(killed);
    },
  };
}
