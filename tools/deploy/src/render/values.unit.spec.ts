import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appSettings, loadValues, mergeValues } from './values';

const base = `
namespace: cqrs
image: { repository: r.example/cqrs }
gateway: { name: gw }
defaults:
  port: 8080
  replicas: 2
  progressDeadlineSeconds: 300
  revisionHistoryLimit: 5
  resources: { requests: { cpu: 100m }, limits: { memory: 256Mi } }
  terminationGracePeriodSeconds: 30
  preStopSleepSeconds: 5
  probes:
    startup: { path: /livez, periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 30 }
    liveness: { path: /livez, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 }
    readiness: { path: /readyz, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2 }
  topologySpread: []
  disruptionBudget: { maxUnavailable: 1 }
  autoscaling: null
  oneActive: false
  env: { LOG_LEVEL: info }
  secrets: ['{service}-mongo']
roles:
  cmdh:
    autoscaling: { minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 70 }
apps:
  orders-cmdh:
    autoscaling: null
    env: { LOG_LEVEL: debug, EXTRA: 1 }
`;

describe('values', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const full = path.join(dir, name);
    writeFileSync(full, text);
    return full;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'values-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('layers defaults, role and app, replacing {service} in strings', () => {
    const values = loadValues([file('values.yaml', base)]);

    const customers = appSettings(values, {
      name: 'customers-cmdh',
      service: 'customers',
      role: 'cmdh',
    });
    const orders = appSettings(values, { name: 'orders-cmdh', service: 'orders', role: 'cmdh' });

    expect(customers.autoscaling).toEqual({
      minReplicas: 2,
      maxReplicas: 4,
      targetCPUUtilizationPercentage: 70,
    });
    expect(customers.secrets).toEqual(['customers-mongo']);
    expect(orders.autoscaling).toBeNull();
    expect(orders.env).toEqual({ LOG_LEVEL: 'debug', EXTRA: '1' });
  });

  it('overlays later files on earlier ones', () => {
    const values = loadValues([
      file('values.yaml', base),
      file(
        'test.yaml',
        'namespace: test-1\napps: { customers-qryh: { progressDeadlineSeconds: 5 } }\n',
      ),
    ]);

    expect(values.namespace).toBe('test-1');
    expect(
      appSettings(values, { name: 'customers-qryh', service: 'customers', role: 'qryh' })
        .progressDeadlineSeconds,
    ).toBe(5);
  });

  it('names the app and the setting that is wrong, typos included', () => {
    const values = loadValues([
      file('values.yaml', base),
      file('bad.yaml', 'apps: { orders-qryh: { replica: 3 } }\n'),
    ]);

    expect(() =>
      appSettings(values, { name: 'orders-qryh', service: 'orders', role: 'qryh' }),
    ).toThrow(/invalid settings for orders-qryh:[\s\S]*replica/);
  });

  it('refuses values files that do not parse or fit', () => {
    expect(() => loadValues([file('a.yaml', 'namespace: [')])).toThrow(/a\.yaml/);
    expect(() => loadValues([file('b.yaml', 'namespace: Not_A_Name\n')])).toThrow(/invalid values/);
  });

  it('merges objects key by key and replaces lists and scalars', () => {
    expect(mergeValues({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] }, d: null })).toEqual({
      a: { b: 1, c: [2] },
      d: null,
    });
  });
});
