import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { traefikManifests } from './traefik-manifests';

interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

interface Container {
  image: string;
  args: string[];
  ports: { containerPort: number }[];
  readinessProbe: { httpGet: { host: string; port: number; path: string } };
  livenessProbe: { httpGet: { host: string; port: number; path: string } };
}

interface PodSpec {
  serviceAccountName: string;
  automountServiceAccountToken: boolean;
  hostNetwork: boolean;
  securityContext: { runAsUser: number; runAsNonRoot: boolean };
  containers: Container[];
}

type Obj = KubernetesObject & { spec?: unknown; rules?: PolicyRule[] };

const options = {
  apiserverUrl: 'https://127.0.0.1:41234',
  gatewayPort: 38080,
  image: 'localhost/cqrs/traefik:v3.6.12',
};

function find(objects: Obj[], kind: string, name: string): Obj {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

function argValue(args: string[], flag: string): string | undefined {
  return args.find((a) => a.startsWith(`--${flag}=`))?.slice(flag.length + 3);
}

describe('traefikManifests', () => {
  const objects = traefikManifests(options) as Obj[];
  const deployment = find(objects, 'Deployment', 'traefik');
  const pod = (deployment.spec as { template: { spec: PodSpec } }).template.spec;
  const container = pod.containers[0] as Container;
  const gateway = find(objects, 'Gateway', 'cqrs-gateway');
  const listeners = (gateway.spec as { listeners: { port: number; protocol: string }[] }).listeners;

  it('fills every placeholder', () => {
    expect(JSON.stringify(objects)).not.toMatch(/\$\{/);
    expect(container.image).toBe(options.image);
    expect(argValue(container.args, 'providers.kubernetesgateway.endpoint')).toBe(
      options.apiserverUrl,
    );
  });

  it("serves the Gateway's HTTP listener on the web entryPoint's port, on loopback only", () => {
    expect(listeners).toEqual([expect.objectContaining({ protocol: 'HTTP' })]);
    const port = listeners[0]?.port;
    expect(port).toBe(options.gatewayPort);
    // Traefik picks the entryPoint whose address ends in ":<listener port>".
    expect(argValue(container.args, 'entrypoints.web.address')).toBe(`127.0.0.1:${port}`);
    expect(container.args.filter((a) => a.startsWith('--entrypoints.'))).toHaveLength(1);
    expect(container.ports).toEqual([expect.objectContaining({ containerPort: port })]);
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe.httpGet).toEqual({ host: '127.0.0.1', port, path: '/ping' });
    }
    expect(argValue(container.args, 'ping.entrypoint')).toBe('web');
  });

  it('is the Gateway the deploy tool attaches HTTPRoutes to, of the traefik GatewayClass', () => {
    const values = parse(
      readFileSync(path.resolve(__dirname, '../../../../deploy/values.yaml'), 'utf8'),
    ) as { namespace: string; gateway: { name: string } };
    expect(gateway.metadata).toMatchObject({
      name: values.gateway.name,
      namespace: values.namespace,
    });
    expect(gateway.spec).toMatchObject({ gatewayClassName: 'traefik' });
    expect(find(objects, 'GatewayClass', 'traefik').spec).toEqual({
      controllerName: 'traefik.io/gateway-controller',
    });
    // The apps' namespace comes with the local infrastructure (deploy/k8s/local/namespace.yaml).
    const namespaces = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata?.name);
    expect(namespaces).toEqual(['traefik']);
  });

  it('runs on the host network with its service-account token, as uid 65532', () => {
    expect(pod.hostNetwork).toBe(true);
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.securityContext).toMatchObject({ runAsUser: 65532, runAsNonRoot: true });
    const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
    expect(argValue(container.args, 'providers.kubernetesgateway.token')).toBe(`${sa}/token`);
    expect(argValue(container.args, 'providers.kubernetesgateway.certauthfilepath')).toBe(
      `${sa}/ca.crt`,
    );
    expect(container.args).toEqual(
      expect.arrayContaining([
        '--global.checknewversion=false',
        '--global.sendanonymoususage=false',
      ]),
    );
    expect(container.args.some((a) => a.startsWith('--accesslog'))).toBe(false);
  });

  it("grants what Traefik's Gateway provider reads and the statuses it writes, to its ServiceAccount", () => {
    const rules = find(objects, 'ClusterRole', 'traefik-gateway').rules ?? [];
    const allowed = (group: string, resource: string, verb: string) =>
      rules.some(
        (r) =>
          r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb),
      );
    const watched = [
      ['', 'namespaces'],
      ['', 'services'],
      ['', 'secrets'],
      ['', 'configmaps'],
      ['discovery.k8s.io', 'endpointslices'],
      ...['gatewayclasses', 'gateways', 'httproutes', 'grpcroutes', 'referencegrants'].map((r) => [
        'gateway.networking.k8s.io',
        r,
      ]),
      ['gateway.networking.k8s.io', 'backendtlspolicies'],
    ] as const;
    for (const [group, resource] of watched) {
      expect([
        resource,
        allowed(group, resource, 'list') && allowed(group, resource, 'watch'),
      ]).toEqual([resource, true]);
    }
    for (const resource of ['gatewayclasses', 'gateways', 'httproutes', 'grpcroutes']) {
      expect([
        resource,
        allowed('gateway.networking.k8s.io', `${resource}/status`, 'update'),
      ]).toEqual([resource, true]);
    }
    // Nothing that writes objects themselves.
    expect(rules.flatMap((r) => r.verbs).sort()).not.toContain('create');
    expect(find(objects, 'ClusterRoleBinding', 'traefik-gateway')).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'traefik-gateway' },
      subjects: [{ kind: 'ServiceAccount', name: pod.serviceAccountName, namespace: 'traefik' }],
    });
    expect(find(objects, 'ServiceAccount', pod.serviceAccountName).metadata?.namespace).toBe(
      'traefik',
    );
  });

  it.each([
    [{ apiserverUrl: 'http://127.0.0.1:6443' }, /apiserverUrl/],
    [{ apiserverUrl: 'https://127.0.0.1:6443/api' }, /apiserverUrl/],
    [{ gatewayPort: 80 }, /gatewayPort/],
    [{ gatewayPort: 8080.5 }, /gatewayPort/],
    [{ image: 'x" injected' }, /image/],
  ])('refuses %p', (override, message) => {
    expect(() => traefikManifests({ ...options, ...override })).toThrow(message);
  });

  it('refuses a template with a placeholder it does not know', () => {
    expect(() => traefikManifests(options, 'kind: ConfigMap\ndata: { x: "${NOPE}" }\n')).toThrow(
      /no value for \$\{NOPE\}/,
    );
  });
});
