import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appRoles } from '@cqrs/framework-core';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startControlPlane, type ControlPlane } from '@cqrs/tools-cluster';
import { installHttpRouteCrd } from '@cqrs/tools-deploy/testing';
import {
  bin,
  generatedWorkspace,
  type GeneratedWorkspace,
} from '../../testing/generated-workspace.ts';

/**
 * `npm run deploy -- --all --dry-run` in a copy of this workspace with a generated service,
 * against a real Kubernetes control plane: the new service's apps are among what would be
 * deployed, and nothing is written.
 */
const service = 'parcels';
const namespace = 'generated-service';

describe(`npm run deploy -- --all --dry-run with a generated service (${service})`, () => {
  let dir: string;
  let plane: ControlPlane;
  let kc: KubeConfig;
  let generated: GeneratedWorkspace;

  beforeAll(async () => {
    generated = generatedWorkspace(service);
    dir = mkdtempSync(path.join(tmpdir(), 'generated-cluster-'));
    plane = await startControlPlane({
      dir: path.join(dir, 'cluster'),
      nodes: 1,
      log: (line) => process.stderr.write(`[cluster] ${line}\n`),
    });
    kc = new KubeConfig();
    kc.loadFromFile(plane.kubeconfigPath);
    // A bare control plane has no Gateway API: the stand-in HTTPRoute CRD the deploy tests use.
    await installHttpRouteCrd(kc);
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
  }, 1_800_000);

  afterAll(async () => {
    try {
      await plane?.stop();
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
      generated?.remove();
    }
  });

  it("lists every one of the service's apps among what would change, and writes nothing", async () => {
    const values = path.join(dir, 'values.yaml');
    writeFileSync(values, `namespace: ${namespace}\n`);

    const output = generated.run(
      bin('tsx'),
      [
        '--tsconfig',
        'tsconfig.base.json',
        'tools/deploy/src/cli.ts',
        '--all',
        '--dry-run',
        '--image-tag',
        'dry',
        '--values',
        values,
      ],
      {
        KUBECONFIG: plane.kubeconfigPath,
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
      },
    );

    for (const role of appRoles) {
      const image = `registry.example.com/cqrs/${service}-${role}:dry`;
      expect(output).toMatch(new RegExp(`^\\+\\s+image: ${image.replace(/[./]/g, '\\$&')}$`, 'm'));
    }
    expect(output).toMatch(/^\+\s+image: registry\.example\.com\/cqrs\/customers-cmdh:dry$/m);
    const deployments = await kc.makeApiClient(AppsV1Api).listNamespacedDeployment({ namespace });
    expect(deployments.items).toEqual([]);
  });
});
