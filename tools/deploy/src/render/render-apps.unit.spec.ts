import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appRoles } from '@cqrs/framework-core';
import type {
  KubernetesObject,
  V1ConfigMap,
  V1PodDisruptionBudget,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { repoRoot } from '@cqrs/tools-infra';
import { allRoutes, discoverApps } from '@cqrs/tools-workspace';
import type { DeployApp } from './deploy-app';
import { managedKinds, renderApps, type RenderedApp } from './render-apps';
import { loadValues } from './values';

const values = loadValues([path.join(repoRoot, 'deploy/values.yaml')]);
const app = (service: string, role: string): DeployApp => ({
  service,
  role,
  name: `${service}-${role}`,
});
const apps = appRoles.map((role) => app('customers', role));
const render = (selected?: DeployApp[], tag = 'v1') =>
  renderApps({ values, apps, routes: allRoutes, imageTag: tag }, selected);
const byName = (rendered: RenderedApp[], name: string) =>
  rendered.find((r) => r.app.name === name) as RenderedApp;
const ofKind = <T extends KubernetesObject>(r: RenderedApp, kind: string) =>
  r.objects.find((o) => o.kind === kind) as T | undefined;

describe('renderApps', () => {
  const rendered = render();

  it('renders only kinds a deploy manages (and so can remove when they stop being rendered)', () => {
    const managed = new Set(managedKinds.map((k) => `${k.apiVersion} ${k.kind}`));

    const unmanaged = rendered
      .flatMap((r) => r.objects)
      .map((o) => `${o.apiVersion} ${o.kind}`)
      .filter((k) => !managed.has(k));

    expect(unmanaged).toEqual([]);
  });

  it('renders each app from the same templates: ConfigMap, Service, Deployment, then what its role needs', () => {
    const kinds = Object.fromEntries(
      rendered.map((r) => [r.app.name, r.objects.map((o) => o.kind)]),
    );

    expect(kinds).toEqual({
      'customers-cmdh': [
        'ConfigMap',
        'Service',
        'Deployment',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'HTTPRoute',
      ],
      'customers-qryh': [
        'ConfigMap',
        'Service',
        'Deployment',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'HTTPRoute',
      ],
      'customers-evp': ['ConfigMap', 'Service', 'Deployment', 'PodDisruptionBudget', 'HTTPRoute'],
      'customers-evh': ['ConfigMap', 'Service', 'Deployment', 'PodDisruptionBudget', 'HTTPRoute'],
      'customers-extevp': [
        'ConfigMap',
        'Service',
        'Deployment',
        'PodDisruptionBudget',
        'HTTPRoute',
      ],
      'customers-extevh': [
        'ConfigMap',
        'Service',
        'Deployment',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'HTTPRoute',
      ],
      'customers-chgh': ['ConfigMap', 'Service', 'Deployment', 'PodDisruptionBudget'],
    });
    for (const r of rendered) {
      for (const o of r.objects)
        expect(o.metadata?.labels?.['app.kubernetes.io/name']).toBe(r.app.name);
    }
  });

  it('gives an HPA to cmdh, qryh and extevh only, and leaves their replicas to it', () => {
    const scaled = rendered
      .filter((r) => ofKind(r, 'HorizontalPodAutoscaler'))
      .map((r) => r.app.role);
    const cmdh = byName(rendered, 'customers-cmdh');
    const hpa = ofKind<V2HorizontalPodAutoscaler>(cmdh, 'HorizontalPodAutoscaler');

    expect(scaled.sort()).toEqual(['cmdh', 'extevh', 'qryh']);
    expect(cmdh.deployment.spec?.replicas).toBeUndefined();
    expect(hpa?.spec).toMatchObject({
      minReplicas: 2,
      scaleTargetRef: { kind: 'Deployment', name: 'customers-cmdh' },
    });
  });

  it('runs one-active roles as two replicas, marked one-active, without an HPA', () => {
    for (const role of ['evp', 'chgh', 'extevp']) {
      const r = byName(rendered, `customers-${role}`);

      expect(r.deployment.spec?.replicas).toBe(2);
      expect(r.deployment.metadata?.annotations?.['cqrs-platform/one-active']).toBe('true');
      expect(ofKind(r, 'HorizontalPodAutoscaler')).toBeUndefined();
      expect(ofKind<V1PodDisruptionBudget>(r, 'PodDisruptionBudget')?.spec?.maxUnavailable).toBe(1);
    }
  });

  it('routes a chgh with public routes (read-model rebuilds) to its Service', () => {
    const [chgh] = renderApps({
      values,
      apps: [app('orders', 'chgh')],
      routes: allRoutes,
      imageTag: 'v1',
    });
    const route = ofKind<
      KubernetesObject & { spec: { rules: { matches: unknown[]; backendRefs: unknown[] }[] } }
    >(chgh as RenderedApp, 'HTTPRoute');

    expect(chgh?.objects.map((o) => o.kind)).toEqual([
      'ConfigMap',
      'Service',
      'Deployment',
      'PodDisruptionBudget',
      'HTTPRoute',
    ]);
    expect(route?.spec.rules[0]?.backendRefs).toEqual([{ name: 'orders-chgh', port: 8080 }]);
    expect(route?.spec.rules.flatMap((r) => r.matches)).toEqual([
      {
        path: { type: 'RegularExpression', value: '^/orders/read-models/[^/]+/rebuilds$' },
        method: 'POST',
      },
      {
        path: { type: 'RegularExpression', value: '^/orders/read-models/[^/]+/rebuilds/[^/]+$' },
        method: 'GET',
      },
      {
        path: { type: 'RegularExpression', value: '^/orders/read-models/[^/]+/rebuilds/[^/]+$' },
        method: 'HEAD',
      },
      {
        path: {
          type: 'RegularExpression',
          value: '^/orders/read-models/[^/]+/rebuilds/[^/]+/cancel$',
        },
        method: 'POST',
      },
    ]);
  });

  it('probes /livez for liveness and /readyz for readiness, and stops gracefully', () => {
    const pod = byName(rendered, 'customers-qryh').deployment.spec?.template.spec;
    const container = pod?.containers[0];
    const grace = Number(
      ofKind<V1ConfigMap>(byName(rendered, 'customers-qryh'), 'ConfigMap')?.data?.SHUTDOWN_GRACE_MS,
    );

    expect(container?.livenessProbe?.httpGet?.path).toBe('/livez');
    expect(container?.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(container?.startupProbe?.httpGet?.path).toBe('/livez');
    expect(container?.lifecycle?.preStop?.sleep?.seconds).toBe(5);
    // the app's own deadline ends before the kubelet's SIGKILL
    expect(grace / 1000 + 5).toBeLessThan(pod?.terminationGracePeriodSeconds ?? 0);
    expect(container?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(pod?.securityContext?.runAsNonRoot).toBe(true);
    expect(pod?.topologySpreadConstraints?.map((c) => c.topologyKey)).toEqual([
      'topology.kubernetes.io/zone',
      'kubernetes.io/hostname',
    ]);
  });

  it('gives each app the app contract: its names, its siblings URLs, secrets from Secrets', () => {
    const cmdh = byName(rendered, 'customers-cmdh');
    const extevh = byName(rendered, 'customers-extevh');
    const data = ofKind<V1ConfigMap>(extevh, 'ConfigMap')?.data;
    const envFrom = extevh.deployment.spec?.template.spec?.containers[0]?.envFrom;

    expect(data).toMatchObject({
      SERVICE_NAME: 'customers-extevh',
      MONGO_DB: 'customers',
      PORT: '8080',
      CMDH_URL: 'http://customers-cmdh:8080',
    });
    expect(data).not.toHaveProperty('EXTEVH_URL');
    expect(Object.keys(data ?? {}).filter((k) => /SECRET|TOKEN|MONGO_URL/.test(k))).toEqual([]);
    expect(envFrom?.map((e) => e.configMapRef?.name ?? e.secretRef?.name)).toEqual([
      ofKind(extevh, 'ConfigMap')?.metadata?.name,
      'cqrs-auth',
      'customers-mongo',
      'customers-extevh-webhook',
    ]);
    expect(cmdh.deployment.spec?.template.spec?.containers[0]?.image).toBe(
      'registry.example.com/cqrs/customers-cmdh:v1',
    );
  });

  it('names the ConfigMap after its content, so only a changed environment rolls the pods', () => {
    const again = render([app('customers', 'qryh')], 'v2')[0] as RenderedApp;
    const changed = renderApps(
      {
        values: { ...values, apps: { 'customers-qryh': { env: { LOG_LEVEL: 'debug' } } } },
        apps,
        routes: allRoutes,
        imageTag: 'v1',
      },
      [app('customers', 'qryh')],
    )[0] as RenderedApp;
    const name = (r: RenderedApp) => ofKind(r, 'ConfigMap')?.metadata?.name;

    expect(name(again)).toBe(name(byName(rendered, 'customers-qryh')));
    expect(name(changed)).not.toBe(name(again));
    expect(
      changed.deployment.spec?.template.spec?.containers[0]?.envFrom?.[0]?.configMapRef?.name,
    ).toBe(name(changed));
  });

  it('refuses an image tag Docker would refuse', () => {
    expect(() => render(undefined, 'no/slashes')).toThrow('invalid image tag "no/slashes"');
  });
});

describe('rendering apps discovered later', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'render-apps-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('covers a new app directory, of a known role or not, without code changes', () => {
    for (const dir of ['apps/billing/cmdh', 'apps/billing/cron']) {
      mkdirSync(path.join(root, dir, 'src'), { recursive: true });
      writeFileSync(path.join(root, dir, 'project.json'), JSON.stringify({ tags: ['type:app'] }));
      writeFileSync(path.join(root, dir, 'src', 'main.ts'), '');
    }
    const found = discoverApps({ root });

    const rendered = renderApps({ values, apps: found, routes: allRoutes, imageTag: 'v1' });

    expect(rendered.map((r) => [r.app.name, r.objects.map((o) => o.kind)])).toEqual([
      [
        'billing-cmdh',
        ['ConfigMap', 'Service', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'],
      ],
      ['billing-cron', ['ConfigMap', 'Service', 'Deployment', 'PodDisruptionBudget']],
    ]);
    expect((rendered[1] as RenderedApp).deployment.spec?.replicas).toBe(values.defaults.replicas);
    expect(ofKind<V1ConfigMap>(rendered[0] as RenderedApp, 'ConfigMap')?.data?.CRON_URL).toBe(
      'http://billing-cron:8080',
    );
  });
});

describe('the deployments of the real apps', () => {
  it('render for every discovered app', () => {
    const found = discoverApps();

    const rendered = renderApps({ values, apps: found, routes: allRoutes, imageTag: 'v1' });

    expect(rendered.map((r) => r.app.name)).toEqual(found.map((a) => a.name));
    expect(rendered.every((r) => r.deployment.kind === 'Deployment')).toBe(true);
  });
});
