import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@cqrs/tools-infra';
import { jwtVerify } from 'jose';
import type { GatewayRouteSource } from '@cqrs/tools-workspace';
import { fakeApp } from '../testing/fake-apps';
import { startSystem, type RunningSystem } from './start-system';

const route = (
  method: GatewayRouteSource['method'],
  path: string,
  app: GatewayRouteSource['app'],
): GatewayRouteSource => ({
  service: 'fake',
  app,
  exposure: 'public',
  method,
  path,
  operationId: path,
});

const routes = [route('get', '/fake/env', 'qryh'), route('post', '/fake/exit', 'cmdh')];

/**
 * Whether a process still runs. A killed grandchild can stay a zombie until init reaps it; on
 * Linux that counts as gone (it runs no more), elsewhere only an absent pid does.
 */
const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && existsSync('/proc/self/stat')) {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pids the fake apps logged (`appPid=...`), by app name. */
const pidsIn = (lines: readonly string[]): Map<string, number> =>
  new Map(
    lines.flatMap((line) => {
      const m = /^(\S+)\s+\|.*appPid=(\d+)/.exec(line);
      return m ? [[m[1] as string, Number(m[2])] as const] : [];
    }),
  );

const waitFor = async (what: string, check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('startSystem', () => {
  describe('with two well-behaved apps', () => {
    const output: string[] = [];
    const log: string[] = [];
    let system: RunningSystem;

    beforeAll(async () => {
      system = await startSystem({
        log: (line) => log.push(line),
        output: (line) => output.push(line),
        color: false,
        apps: [fakeApp('fake', 'cmdh'), fakeApp('fake', 'qryh')],
        routes,
        gatewayPort: 0,
      });
    });

    afterAll(() => system?.stop());

    it('starts every app, waits until it is ready and lists it', async () => {
      expect(system.apps.map((a) => a.name)).toEqual(['fake-cmdh', 'fake-qryh']);
      for (const app of system.apps) {
        expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
      }
    });

    it('gives each app the contract environment, reachable through the gateway', async () => {
      const res = await fetch(`${system.gatewayUrl}/fake/env`);
      const env = (await res.json()) as Record<string, string>;
      const qryh = system.apps.find((a) => a.name === 'fake-qryh');
      const cmdh = system.apps.find((a) => a.name === 'fake-cmdh');

      expect(res.status).toBe(200);
      expect(env).toMatchObject({
        SERVICE_NAME: 'fake-qryh',
        HOST: '127.0.0.1',
        PORT: new URL(qryh?.url ?? '').port,
        MONGO_URL: system.mongoUrl,
        MONGO_DB: 'fake',
        KAFKA_BROKERS: system.kafkaBrokers,
        JWT_HS256_SECRET: system.jwtSecret,
        CMDH_URL: cmdh?.url,
      });
      expect(env).not.toHaveProperty('QRYH_URL');
      const { payload } = await jwtVerify(
        env.SERVICE_TOKEN ?? '',
        new TextEncoder().encode(system.jwtSecret),
        { algorithms: ['HS256'] },
      );
      expect(payload).toMatchObject({ sub: 'fake-qryh', roles: ['service'] });
    });

    it('renders every output line with its padded name, including the gateway', () => {
      expect(output).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^gateway {3}\| \d\d:\d\d:\d\d\.\d{3} INFO {2}GET \/fake\/env -> fake-qryh 200/,
          ),
        ]),
      );
      expect(output).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^fake-qryh \| \d\d:\d\d:\d\d\.\d{3} INFO {2}listening port=\d+/),
        ]),
      );
    });

    it('reports an app that exits unexpectedly, with its exit code and last lines', async () => {
      const res = await fetch(`${system.gatewayUrl}/fake/exit`, { method: 'POST' });
      expect(res.status).toBe(202);

      await waitFor('the exit report', () => log.some((l) => l.includes('exited unexpectedly')));
      const report = log.find((l) => l.includes('exited unexpectedly')) ?? '';
      expect(report).toMatch(/^fake-cmdh exited unexpectedly \(exit code 3\); last output:/);
      expect(report).toContain('ERROR crashing on purpose err="asked to crash"');
    });

    it('stops every app with stop(), then the gateway', async () => {
      const pid = pidsIn(output).get('fake-qryh') as number;
      expect(alive(pid)).toBe(true);

      await system.stop();

      expect(alive(pid)).toBe(false);
      expect(output).toEqual(
        expect.arrayContaining([expect.stringMatching(/^fake-qryh \|.*SIGTERM: stopping/)]),
      );
      await expect(fetch(`${system.gatewayUrl}/livez`)).rejects.toThrow();
      await expect(system.stop()).resolves.toBeUndefined();
    });
  });

  it('fails when an app does not become ready in time, naming it with its last output', async () => {
    const output: string[] = [];

    await expect(
      startSystem({
        log: () => undefined,
        output: (line) => output.push(line),
        color: false,
        apps: [fakeApp('fake', 'cmdh'), fakeApp('slow', 'qryh', 'never-ready')],
        routes,
        gatewayPort: 0,
        readyTimeoutMs: 3_000,
      }),
    ).rejects.toThrow(
      /^slow-qryh did not become ready within 3 s \(GET http:\/\/127\.0\.0\.1:\d+\/readyz: status 503\); last output:\n(.|\n)*INFO {2}listening port=\d+ neverReady=true/,
    );
    const pids = pidsIn(output);
    expect(pids.size).toBe(2);
    for (const pid of pids.values()) expect(alive(pid)).toBe(false);
  });

  it('fails when an app exits during start-up, with its exit code and last output', async () => {
    await expect(
      startSystem({
        log: () => undefined,
        output: () => undefined,
        color: false,
        apps: [fakeApp('broken', 'evp', 'crash-at-start')],
        routes: [],
        gatewayPort: 0,
      }),
    ).rejects.toThrow(
      /^broken-evp exited during start-up \(exit code 1\); last output:\n(.|\n)*ERROR start-up failed err="cannot reach the configuration store"\n\s+Error: cannot reach/,
    );
  });

  it('kills an app that ignores SIGTERM once the grace period is over', async () => {
    const output: string[] = [];
    const log: string[] = [];
    const system = await startSystem({
      log: (line) => log.push(line),
      output: (line) => output.push(line),
      color: false,
      apps: [fakeApp('stubborn', 'chgh', 'ignore-sigterm')],
      routes: [],
      gatewayPort: 0,
      stopGraceMs: 1_000,
    });
    const pid = pidsIn(output).get('stubborn-chgh') as number;

    await system.stop();

    expect(alive(pid)).toBe(false);
    expect(output).toEqual(expect.arrayContaining([expect.stringContaining('ignoring SIGTERM')]));
    expect(log).toContain('stubborn-chgh: killed, still running 1000 ms after SIGTERM');
  });

  it('kills, restarts on the same URL and adds replicas of an app, none reported as unexpected', async () => {
    const output: string[] = [];
    const log: string[] = [];
    const system = await startSystem({
      log: (line) => log.push(line),
      output: (line) => output.push(line),
      color: false,
      apps: [fakeApp('fake', 'cmdh'), fakeApp('fake', 'qryh')],
      routes,
      gatewayPort: 0,
    });
    try {
      const { control } = system;
      const [first] = control.pids('fake-qryh');
      expect(first).toBe(pidsIn(output).get('fake-qryh'));

      await control.kill('fake-qryh');
      expect(alive(first as number)).toBe(false);
      expect(control.pids('fake-qryh')).toEqual([]);
      expect((await fetch(`${system.gatewayUrl}/fake/env`)).status).toBe(503);

      const restarted = await control.restart('fake-qryh');
      expect(restarted).not.toBe(first);
      expect(control.pids('fake-qryh')).toEqual([restarted]);
      const env = (await (await fetch(`${system.gatewayUrl}/fake/env`)).json()) as {
        PORT: string;
      };
      expect(env.PORT).toBe(new URL(system.apps[1]?.url ?? '').port);
      await expect(control.restart('fake-qryh')).rejects.toThrow(/still runs/);

      const added = await control.addReplica('fake-qryh');
      expect(control.pids('fake-qryh')).toEqual([restarted, added]);
      await control.kill('fake-qryh', { pid: restarted });
      expect(control.pids('fake-qryh')).toEqual([added]);
      expect(alive(added)).toBe(true);
      expect(log.filter((l) => l.includes('unexpectedly'))).toEqual([]);
      expect(() => control.pids('nope')).toThrow(/no app nope/);

      await system.stop();
      expect(alive(added)).toBe(false);
    } finally {
      await system.stop();
    }
  });

  it('runs an app by the command given for it, restarts included', async () => {
    const app = fakeApp('fake', 'qryh');
    const system = await startSystem({
      log: () => undefined,
      output: () => undefined,
      color: false,
      apps: [app],
      routes,
      gatewayPort: 0,
      // As tsx would run it, from the fake app's own directory, with V8 options of the command's.
      command: (a) => ({
        args: ['--import', 'tsx', path.basename(a.entry)],
        cwd: a.dir,
        env: {
          TSX_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.base.json'),
          NODE_OPTIONS: '--max-semi-space-size=4',
        },
      }),
    });
    try {
      const envOf = async () =>
        (await (await fetch(`${system.gatewayUrl}/fake/env`)).json()) as Record<string, string>;
      const cwdOf = (pid: number) => realpathSync(`/proc/${pid}/cwd`);

      expect(await envOf()).toMatchObject({
        NODE_OPTIONS: '--max-semi-space-size=4',
        SERVICE_NAME: 'fake-qryh',
      });
      expect(cwdOf(system.control.pids('fake-qryh')[0]!)).toBe(realpathSync(app.dir));

      await system.control.kill('fake-qryh');
      const restarted = await system.control.restart('fake-qryh');
      expect(await envOf()).toMatchObject({ NODE_OPTIONS: '--max-semi-space-size=4' });
      expect(cwdOf(restarted)).toBe(realpathSync(app.dir));
    } finally {
      await system.stop();
    }
  });

  it('refuses routes that collide before starting anything', async () => {
    const log: string[] = [];

    // A system that starts after all is stopped again, so a failure cannot leave apps running.
    const outcome = await startSystem({
      log: (line) => log.push(line),
      apps: [fakeApp('fake', 'cmdh')],
      routes: [route('get', '/fake/{id}/env', 'qryh'), route('get', '/fake/env/{name}', 'cmdh')],
      gatewayPort: 0,
    }).then(
      async (system) => {
        await system.stop();
        return 'started';
      },
      (error: unknown) => error,
    );

    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(/overlaps GET \/fake\/env\/\{name\}/);
    expect(log).toEqual([]);
  });
});
