import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheKey, parseVersions } from './versions';

const goMod = `module example.com/wrapper

go 1.26.0

require (
	go.etcd.io/etcd/server/v3 v3.6.8
	k8s.io/kubernetes v1.36.3
	sigs.k8s.io/kwok v0.8.0
)

require (
	go.etcd.io/etcd/client/v3 v3.6.8 // indirect
	k8s.io/kubernetes-extra v9.9.9 // indirect
)
`;

describe('parseVersions', () => {
  it('reads the Kubernetes, etcd and kwok versions from the require block', () => {
    expect(parseVersions(goMod)).toEqual({ kubernetes: 'v1.36.3', etcd: 'v3.6.8', kwok: 'v0.8.0' });
  });

  it('reads single-line requires', () => {
    const single = goMod
      .replace('\tk8s.io/kubernetes v1.36.3\n', '')
      .concat('require k8s.io/kubernetes v1.35.4\n');

    expect(parseVersions(single).kubernetes).toBe('v1.35.4');
  });

  it('fails naming the missing module', () => {
    expect(() => parseVersions(goMod.replace('sigs.k8s.io/kwok v0.8.0', ''))).toThrow(
      'sigs.k8s.io/kwok',
    );
  });

  it('matches the committed wrapper module', () => {
    const committed = readFileSync(path.join(__dirname, '../go/go.mod'), 'utf8');

    const versions = parseVersions(committed);

    expect(versions.kubernetes).toMatch(/^v1\.\d+\.\d+$/);
    expect(versions.etcd).toMatch(/^v3\.[56]\.\d+$/);
    expect(versions.kwok).toMatch(/^v0\.\d+\.\d+$/);
  });
});

describe('cacheKey', () => {
  const versions = { kubernetes: 'v1.36.3', etcd: 'v3.6.8', kwok: 'v0.8.0' };

  it('names the versions', () => {
    expect(cacheKey(versions, ['a'])).toMatch(
      /^k8s-v1\.36\.3_etcd-v3\.6\.8_kwok-v0\.8\.0_[0-9a-f]{10}$/,
    );
  });

  it('changes when a version or any other input changes', () => {
    const base = cacheKey(versions, ['go.mod', 'go.sum']);

    expect(cacheKey(versions, ['go.mod', 'go.sum'])).toBe(base);
    expect(cacheKey({ ...versions, kubernetes: 'v1.36.4' }, ['go.mod', 'go.sum'])).not.toBe(base);
    expect(cacheKey(versions, ['go.mod', 'go.sum changed'])).not.toBe(base);
  });
});
