import type { Tree } from '@nx/devkit';
import { readJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { registerPaths, registerScope, registerService, serviceNames } from './generator';

const eslintConfig = `const depConstraints = [
  { sourceTag: 'scope:framework', onlyDependOnLibsWithTags: ['scope:framework'] },
  { sourceTag: 'scope:orders', onlyDependOnLibsWithTags: ['scope:orders', 'scope:framework'] },
  {
    sourceTag: 'scope:tools',
    onlyDependOnLibsWithTags: ['scope:tools', 'scope:framework', 'scope:orders'],
  },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:shared', 'type:framework'] },
];
`;

const registry = `import { ordersService } from '@cqrs/orders-shared';
import type { ApiRoute, ServiceDescriptor } from '@cqrs/framework-core';

export const workspaceServices: readonly ServiceDescriptor[] = [ordersService];
`;

describe('the service generator', () => {
  let tree: Tree;
  const parcels = serviceNames({ name: 'parcels' });

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    tree.write('eslint.config.mjs', eslintConfig);
    tree.write('tools/workspace/src/services.ts', registry);
  });

  it('names the aggregate after the service, or as told', () => {
    expect(parcels).toEqual({
      name: 'parcels',
      Name: 'Parcels',
      entity: 'parcel',
      Entity: 'Parcel',
    });
    expect(serviceNames({ name: 'stock', entity: 'item' }).Entity).toBe('Item');
    expect(() => serviceNames({ name: 'Parcels' })).toThrow('"Parcels" is not a lowercase word');
    expect(() => serviceNames({ name: 'stock' })).toThrow('pass --entity');
  });

  it('adds the path alias of the shared lib, and of its testing entry point when it has one', () => {
    tree.write('libs/parcels/shared/src/testing/index.ts', 'export {};\n');

    registerPaths(tree, parcels);

    const paths = readJson<{ compilerOptions: { paths: Record<string, string[]> } }>(
      tree,
      'tsconfig.base.json',
    ).compilerOptions.paths;
    expect(paths['@cqrs/parcels-shared']).toEqual(['./libs/parcels/shared/src/index.ts']);
    expect(paths['@cqrs/parcels-shared/testing']).toEqual([
      './libs/parcels/shared/src/testing/index.ts',
    ]);
  });

  it('gives the service a lint scope of its own, which the tools may read', () => {
    registerScope(tree, parcels);

    const text = tree.read('eslint.config.mjs', 'utf8') ?? '';
    expect(text).toContain(
      "{ sourceTag: 'scope:parcels', onlyDependOnLibsWithTags: ['scope:parcels', 'scope:framework'] }",
    );
    expect(text).toContain(
      "onlyDependOnLibsWithTags: ['scope:tools', 'scope:framework', 'scope:orders', 'scope:parcels']",
    );
    expect(() => registerScope(tree, parcels)).toThrow('scope:parcels exists already');
  });

  it('lists the descriptor in the registry of services', () => {
    registerService(tree, parcels);

    const text = tree.read('tools/workspace/src/services.ts', 'utf8') ?? '';
    expect(text).toContain("import { parcelsService } from '@cqrs/parcels-shared';");
    expect(text).toContain('= [ordersService, parcelsService];');
  });
});
