import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from 'mongodb';
import type { LocalSystem } from '@cqrs/tools-dev';
import type { InfraControl } from './infra-control';

/** What a scenario may break. */
export interface FaultContext {
  readonly system: LocalSystem;
  readonly infra: InfraControl;
  /** A service's database (`customers`, `orders`), for the leases. */
  readonly db: (service: string) => Db;
  readonly log: (line: string) => void;
}

/** One fault: injected while the workload runs; `inject` resolves once the fault is over. */
export interface Scenario {
  readonly name: string;
  /** Runs before the workload starts (e.g. start standbys). */
  readonly prepare?: (ctx: FaultContext) => Promise<void>;
  readonly inject: (ctx: FaultContext) => Promise<void>;
  /** What must hold once the system recovered, besides the reconciliation (throws if not). */
  readonly verify?: (ctx: FaultContext) => Promise<void>;
}

/** How long the outages last. */
export const outageMs = 20_000;

/** The apps that run one active replica under a lease. */
export const oneActiveApps = (system: LocalSystem): string[] =>
  system.apps.map((a) => a.name).filter((name) => /-(evp|chgh|extevp)$/.test(name));

/** The pid of the app's replica that holds its lease now (the owner is `host:pid:random`). */
export async function activePid(ctx: FaultContext, app: string): Promise<number | undefined> {
  const pids = ctx.system.control.pids(app);
  const service = app.slice(0, app.indexOf('-'));
  const leases = await ctx
    .db(service)
    .collection<{ _id: string; owner: string; expiresAt: Date }>('leases')
    .find({ expiresAt: { $gt: new Date() } })
    .toArray();
  for (const lease of leases) {
    const pid = Number(lease.owner.split(':').at(-2));
    if (pids.includes(pid)) return pid;
  }
  return undefined;
}

const killAndRestart = (app: string): Scenario => ({
  name: `SIGKILL ${app}, restarted`,
  inject: async ({ system }) => {
    await system.control.kill(app);
    await sleep(2_000);
    await system.control.restart(app);
  },
});

/** The scenarios of `npm run test:faults`, in the order they run on one system. */
export const scenarios: readonly Scenario[] = [
  { name: 'no fault (baseline)', inject: () => Promise.resolve() },
  killAndRestart('customers-evp'),
  killAndRestart('customers-chgh'),
  killAndRestart('orders-evh'),
  killAndRestart('orders-extevp'),
  killAndRestart('customers-cmdh'),
  {
    name: `Kafka broker stopped for ${outageMs / 1000} s`,
    inject: async ({ infra }) => {
      await infra.stop('kafka');
      await sleep(outageMs);
      await infra.start('kafka');
    },
  },
  {
    name: 'engine restarted (persistent)',
    inject: async ({ infra }) => {
      await infra.stop('mongo');
      await infra.start('mongo');
    },
  },
  {
    name: `orders-cmdh down for ${outageMs / 1000} s`,
    inject: async ({ system }) => {
      await system.control.kill('orders-cmdh', { signal: 'SIGTERM' });
      await sleep(outageMs);
      await system.control.restart('orders-cmdh');
    },
  },
  {
    name: 'every one-active app on 2 replicas, the active one SIGKILLed',
    prepare: async ({ system }) => {
      for (const app of oneActiveApps(system)) {
        if (system.control.pids(app).length < 2) await system.control.addReplica(app);
      }
    },
    inject: async (ctx) => {
      const apps = oneActiveApps(ctx.system);
      const active = await Promise.all(apps.map((app) => activePid(ctx, app)));
      const missing = apps.filter((_, i) => active[i] === undefined);
      if (missing.length > 0)
        throw new Error(`no replica holds the lease of ${missing.join(', ')}`);
      await Promise.all(
        apps.map((app, i) => ctx.system.control.kill(app, { pid: active[i] as number })),
      );
      ctx.log(`killed the active replica of ${apps.join(', ')}`);
    },
    verify: async (ctx) => {
      for (const app of oneActiveApps(ctx.system)) {
        const [standby] = ctx.system.control.pids(app);
        const holder = await activePid(ctx, app);
        if (holder === undefined || holder !== standby) {
          throw new Error(`${app}: the standby (pid ${standby}) does not hold the lease`);
        }
      }
    },
  },
];
