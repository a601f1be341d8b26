import { objectDiff } from './object-diff';

const configMap = (data: Record<string, string>, resourceVersion: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', resourceVersion, managedFields: [{ manager: 'x' }] },
  data,
});

describe('objectDiff', () => {
  it('is empty when only server-owned fields differ', () => {
    expect(objectDiff('c', configMap({ A: '1' }, '1'), configMap({ A: '1' }, '2'))).toBe('');
  });

  it('shows changed lines with their context', () => {
    const diff = objectDiff(
      'ConfigMap/c',
      configMap({ A: '1', B: '2' }, '1'),
      configMap({ A: '1', B: '3' }, '2'),
    );

    expect(diff.split('\n')).toEqual([
      '--- ConfigMap/c (live)',
      '+++ ConfigMap/c (after apply)',
      ' apiVersion: v1',
      ' data:',
      '   A: "1"',
      '-  B: "2"',
      '+  B: "3"',
      ' kind: ConfigMap',
      ' metadata:',
      '   name: c',
    ]);
  });

  it('shows a new object as all added', () => {
    expect(objectDiff('c', undefined, configMap({ A: '1' }, '1'))).toMatch(
      /^--- c \(live\) \[does not exist\]\n\+\+\+ c \(after apply\)\n\+apiVersion: v1/,
    );
  });
});
