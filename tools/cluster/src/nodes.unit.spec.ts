import { fakeNodes, kwokNodeAnnotation } from './nodes';

type Node = {
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
};

describe('fakeNodes', () => {
  it('gives every node its own zone and hostname, and the kwok annotation', () => {
    const nodes = fakeNodes(3) as Node[];

    expect(nodes.map((n) => n.metadata.name)).toEqual([
      'kwok-node-0',
      'kwok-node-1',
      'kwok-node-2',
    ]);
    expect(nodes.map((n) => n.metadata.labels['topology.kubernetes.io/zone'])).toEqual([
      'zone-a',
      'zone-b',
      'zone-c',
    ]);
    expect(nodes.map((n) => n.metadata.labels['kubernetes.io/hostname'])).toEqual(
      nodes.map((n) => n.metadata.name),
    );
    expect(
      nodes.every(
        (n) => n.metadata.annotations[kwokNodeAnnotation.key] === kwokNodeAnnotation.value,
      ),
    ).toBe(true);
  });

  it('keeps zones distinct beyond 26 nodes', () => {
    const zones = (fakeNodes(30) as Node[]).map(
      (n) => n.metadata.labels['topology.kubernetes.io/zone'],
    );

    expect(new Set(zones).size).toBe(30);
  });
});
