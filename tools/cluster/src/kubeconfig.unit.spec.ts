import { parse } from 'yaml';
import { kubeconfigYaml } from './kubeconfig';

describe('kubeconfigYaml', () => {
  it('points one context at the server with the CA data and the token', () => {
    const config = parse(
      kubeconfigYaml({
        server: 'https://127.0.0.1:6443',
        caPem: '-----BEGIN CERTIFICATE-----\n',
        token: 't0k3n',
      }),
    ) as {
      clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
      users: { user: { token: string } }[];
      'current-context': string;
      contexts: { name: string }[];
    };

    expect(config.clusters[0]?.cluster.server).toBe('https://127.0.0.1:6443');
    expect(
      Buffer.from(
        config.clusters[0]?.cluster['certificate-authority-data'] ?? '',
        'base64',
      ).toString(),
    ).toBe('-----BEGIN CERTIFICATE-----\n');
    expect(config.users[0]?.user.token).toBe('t0k3n');
    expect(config.contexts.map((c) => c.name)).toEqual([config['current-context']]);
  });
});
