import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const quantity = z.union([z.string().min(1), z.number()]).transform(String);
const probe = z.strictObject({
  path: z.string().startsWith('/'),
  periodSeconds: z.number().int().positive(),
  timeoutSeconds: z.number().int().positive(),
  failureThreshold: z.number().int().positive(),
  initialDelaySeconds: z.number().int().min(0).optional(),
});

/** The settings of one app, after defaults, role and app values are merged. */
export const appSettingsSchema = z.strictObject({
  port: z.number().int().min(1).max(65_535),
  replicas: z.number().int().min(1),
  progressDeadlineSeconds: z.number().int().positive(),
  revisionHistoryLimit: z.number().int().min(1),
  resources: z.strictObject({
    requests: z.record(z.string(), quantity).default({}),
    limits: z.record(z.string(), quantity).default({}),
  }),
  terminationGracePeriodSeconds: z.number().int().positive(),
  preStopSleepSeconds: z.number().int().min(0),
  probes: z.strictObject({ startup: probe, liveness: probe, readiness: probe }),
  topologySpread: z.array(
    z.strictObject({
      topologyKey: z.string().min(1),
      maxSkew: z.number().int().positive(),
      whenUnsatisfiable: z.enum(['DoNotSchedule', 'ScheduleAnyway']),
    }),
  ),
  disruptionBudget: z
    .strictObject({ maxUnavailable: z.union([z.number().int().positive(), z.string()]) })
    .nullable(),
  autoscaling: z
    .strictObject({
      minReplicas: z.number().int().min(1),
      maxReplicas: z.number().int().min(1),
      targetCPUUtilizationPercentage: z.number().int().min(1).max(100),
    })
    .refine((a) => a.maxReplicas >= a.minReplicas, 'maxReplicas must be at least minReplicas')
    .nullable(),
  oneActive: z.boolean(),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)),
  secrets: z.array(z.string().min(1)),
});

export type AppSettings = z.output<typeof appSettingsSchema>;

type Layer = Record<string, unknown>;
const layer = z.record(z.string(), z.unknown());

/** deploy/values.yaml: cluster-wide values and the three layers of app settings. */
export const valuesSchema = z.strictObject({
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
  image: z.strictObject({
    repository: z.string().min(1),
    pullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).default('IfNotPresent'),
  }),
  gateway: z.strictObject({
    enabled: z.boolean().default(true),
    name: z.string().min(1),
    namespace: z.string().min(1).optional(),
    sectionName: z.string().min(1).optional(),
    hostnames: z.array(z.string().min(1)).default([]),
  }),
  defaults: layer,
  roles: z.record(z.string(), layer).default({}),
  apps: z.record(z.string(), layer).default({}),
});

export type Values = z.output<typeof valuesSchema>;

const isPlainObject = (v: unknown): v is Layer =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Overlays `over` on `base`: objects merge key by key, anything else (lists too) replaces, and
 * `null` in `over` removes the key's value (it becomes `null`, which settings read as "none").
 */
export function mergeValues(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const merged: Layer = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = mergeValues(base[key], value);
  return merged;
}

/** Reads values files, later files overlaying earlier ones, and checks the result. */
export function loadValues(files: readonly string[]): Values {
  let merged: unknown = {};
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = parse(readFileSync(file, 'utf8')) ?? {};
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
    }
    merged = mergeValues(merged, parsed);
  }
  const result = valuesSchema.safeParse(merged);
  if (!result.success) {
    throw new Error(`invalid values (${files.join(', ')}):\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

const substitute = (value: unknown, names: Readonly<Record<string, string>>): unknown => {
  if (typeof value === 'string')
    return value.replace(/\{(app|service|role)\}/g, (_, k: string) => names[k] ?? '');
  if (Array.isArray(value)) return value.map((v) => substitute(v, names));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, names)]));
  }
  return value;
};

/**
 * One app's settings: `defaults`, overlaid by `roles.<role>`, overlaid by `apps.<name>`, with
 * `{app}`, `{service}` and `{role}` replaced in every string.
 *
 * @throws Error naming the app and every invalid or unknown setting.
 */
export function appSettings(
  values: Values,
  app: { readonly name: string; readonly service: string; readonly role: string },
): AppSettings {
  const merged = [values.roles[app.role], values.apps[app.name]].reduce<unknown>(
    (acc, over) => mergeValues(acc, over),
    values.defaults,
  );
  const names = { app: app.name, service: app.service, role: app.role };
  const result = appSettingsSchema.safeParse(substitute(merged, names));
  if (!result.success) {
    throw new Error(`invalid settings for ${app.name}:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
