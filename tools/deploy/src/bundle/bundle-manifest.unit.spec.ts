import { bundleManifest } from './bundle-manifest';
import { packageNameOf } from './package-name';

const lock = {
  lockfileVersion: 3,
  packages: {
    'node_modules/pino': { version: '10.4.0' },
    'node_modules/@s/p': { version: '1.2.3' },
  },
};

describe('bundleManifest', () => {
  it('pins every imported package to the version the workspace installed', () => {
    const workspace = { engines: { node: '>=24' }, dependencies: { pino: '^10', '@s/p': '^1' } };

    expect(bundleManifest('customers-cmdh', ['pino', '@s/p'], workspace, lock)).toEqual({
      name: '@cqrs/customers-cmdh',
      version: '0.0.0',
      private: true,
      type: 'commonjs',
      main: 'dist/main.js',
      engines: { node: '>=24' },
      scripts: { start: 'node dist/main.js' },
      dependencies: { '@s/p': '1.2.3', pino: '10.4.0' },
    });
  });

  it('refuses a package that is only a dev dependency of the workspace', () => {
    const workspace = { dependencies: {}, devDependencies: { 'pino-pretty': '^13' } };

    expect(() => bundleManifest('x', ['pino-pretty', 'left-pad'], workspace, lock)).toThrow(
      'x imports pino-pretty, left-pad, which the root package.json does not list under "dependencies" (dev only: pino-pretty)',
    );
  });
});

describe('packageNameOf', () => {
  it('names the package of an import path, and nothing for built-ins and files', () => {
    expect(
      ['express', 'pino/file', '@scope/pkg/sub', 'node:fs', 'fs', './x', '/abs'].map(packageNameOf),
    ).toEqual(['express', 'pino', '@scope/pkg', undefined, undefined, undefined, undefined]);
  });
});
