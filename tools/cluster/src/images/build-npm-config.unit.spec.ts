import { buildNpmrc, parseNpmConfigGet } from './build-npm-config';

describe('build npm config', () => {
  it('keeps the set values of `npm config get`', () => {
    const out =
      'registry=https://r.example/\nhttps-proxy=null\nproxy=\nnoproxy=\ncafile=/etc/ca.crt\n';

    expect(parseNpmConfigGet(out)).toEqual({
      registry: 'https://r.example/',
      cafile: '/etc/ca.crt',
    });
  });

  it('passes the registry and proxies on, and points npm at the mounted CA bundle', () => {
    const npmrc = buildNpmrc(
      { registry: 'https://r.example/', 'https-proxy': 'http://p:3128' },
      true,
    );

    expect(npmrc.split('\n')).toEqual([
      'registry=https://r.example/',
      'https-proxy=http://p:3128',
      'cafile=/usr/local/etc/host-ca.crt',
      'update-notifier=false',
      '',
    ]);
  });

  it('names no cafile when the host has no CA bundle', () => {
    expect(buildNpmrc({}, false)).toBe('update-notifier=false\n');
  });
});
