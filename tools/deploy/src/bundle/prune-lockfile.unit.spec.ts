import { pruneLockfile, resolveLocation, type Lockfile } from './prune-lockfile';

const lock: Lockfile = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'ws', devDependencies: { jest: '^30' }, dependencies: { a: '^1' } },
    'node_modules/a': {
      version: '1.0.0',
      dependencies: { b: '^2' },
      optionalDependencies: { gone: '1' },
    },
    'node_modules/a/node_modules/b': {
      version: '2.0.0',
      peerDependencies: { c: '*', d: '*' },
      peerDependenciesMeta: { d: { optional: true } },
    },
    'node_modules/b': { version: '1.0.0', dev: true },
    'node_modules/c': { version: '3.0.0', devOptional: true },
    'node_modules/d': { version: '4.0.0' },
    'node_modules/jest': { version: '30.0.0', dev: true, dependencies: { b: '^1' } },
  },
};

describe('resolveLocation', () => {
  it('looks in the requiring package first, then in every enclosing node_modules', () => {
    expect(resolveLocation(lock.packages, 'node_modules/a', 'b')).toBe(
      'node_modules/a/node_modules/b',
    );
    expect(resolveLocation(lock.packages, '', 'b')).toBe('node_modules/b');
    expect(resolveLocation(lock.packages, 'node_modules/a/node_modules/b', 'c')).toBe(
      'node_modules/c',
    );
    expect(resolveLocation(lock.packages, 'node_modules/a', 'nope')).toBeUndefined();
  });
});

describe('pruneLockfile', () => {
  it('keeps what the dependencies reach, at the same locations, as production packages', () => {
    const pruned = pruneLockfile(lock, { name: '@cqrs/x', dependencies: { a: '1.0.0' } });

    expect(pruned).toEqual({
      name: '@cqrs/x',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: '@cqrs/x', version: '0.0.0', dependencies: { a: '1.0.0' } },
        'node_modules/a': lock.packages['node_modules/a'],
        'node_modules/a/node_modules/b': lock.packages['node_modules/a/node_modules/b'],
        // a required peer, no longer flagged dev-optional; the optional peer d is left out
        'node_modules/c': { version: '3.0.0' },
      },
    });
  });

  it('fails naming a required package the lock file does not have', () => {
    expect(() => pruneLockfile(lock, { name: 'x', dependencies: { zzz: '1' } })).toThrow(
      'package-lock.json has no zzz (needed by x)',
    );
  });

  it('refuses a lock file without a packages map', () => {
    expect(() =>
      pruneLockfile({ lockfileVersion: 1, packages: {} }, { name: 'x', dependencies: {} }),
    ).toThrow(/lockfileVersion 1/);
  });
});
