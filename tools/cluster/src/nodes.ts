/** kwok manages exactly the nodes carrying this annotation (`--manage-nodes-with-annotation-selector`). */
export const kwokNodeAnnotation = { key: 'kwok.x-k8s.io/node', value: 'fake' } as const;

const zoneName = (i: number) => `zone-${i < 26 ? String.fromCharCode(97 + i) : String(i)}`;

/**
 * `count` fake nodes, each in its own zone (`zone-a`, `zone-b`, ...) with its own hostname, so
 * topology spread constraints on either key see distinct domains. They are not tainted: every
 * node in this cluster is fake, so workloads need no toleration.
 */
export function fakeNodes(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `kwok-node-${i}`;
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: {
          [kwokNodeAnnotation.key]: kwokNodeAnnotation.value,
          'node.alpha.kubernetes.io/ttl': '0',
        },
        labels: {
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/os': 'linux',
          'kubernetes.io/hostname': name,
          'topology.kubernetes.io/region': 'local',
          'topology.kubernetes.io/zone': zoneName(i),
          type: 'kwok',
        },
      },
      spec: {},
      status: {
        allocatable: { cpu: '16', memory: '64Gi', pods: '110' },
        capacity: { cpu: '16', memory: '64Gi', pods: '110' },
      },
    };
  });
}
