import { stringify } from 'yaml';

export interface KubeconfigInput {
  /** https://127.0.0.1:<port> */
  readonly server: string;
  /** PEM bundle of the API server's self-signed certificate. */
  readonly caPem: string;
  readonly token: string;
  readonly name?: string;
}

/** A kubeconfig with one cluster, one token user and one current context. */
export function kubeconfigYaml({
  server,
  caPem,
  token,
  name = 'cqrs-local',
}: KubeconfigInput): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name,
        cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') },
      },
    ],
    users: [{ name: 'admin', user: { token } }],
    contexts: [{ name, context: { cluster: name, user: 'admin', namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  });
}
