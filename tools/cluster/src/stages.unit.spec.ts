import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { defaultStageFiles } from './binaries';
import { excludeNeverReady, kwokConfig, neverReadyStage, neverReadyTag } from './stages';

interface Stage {
  kind: string;
  metadata: { name: string };
  spec: {
    weight?: number;
    selector: { matchExpressions: { key: string; operator: string; values?: string[] }[] };
    next: { statusTemplate: string };
  };
}

describe('kwok stages', () => {
  let stagesDir: string;

  beforeEach(() => {
    stagesDir = mkdtempSync(path.join(os.tmpdir(), 'stages-'));
    for (const file of defaultStageFiles) {
      const name = path.basename(file, '.yaml');
      writeFileSync(
        path.join(stagesDir, `${name}.yaml`),
        `kind: Stage\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchExpressions:\n    - key: '.status.phase'\n      operator: 'In'\n      values:\n      - 'Pending'\n`,
      );
    }
  });

  afterEach(() => rmSync(stagesDir, { recursive: true, force: true }));

  it("keeps kwok's default stages and adds the never-ready stage last", () => {
    const docs = parseAllDocuments(kwokConfig(stagesDir)).map((d) => d.toJS() as Stage);

    expect(docs.map((d) => d.metadata.name)).toEqual([
      'node-initialize',
      'node-heartbeat-with-lease',
      'pod-ready',
      'pod-complete',
      'pod-delete',
      'pod-running-never-ready',
    ]);
  });

  it(`selects pending pods with an image tagged ${neverReadyTag} and outweighs pod-ready`, () => {
    const stage = parseAllDocuments(neverReadyStage)[0]?.toJS() as Stage;

    expect(stage.spec.weight).toBeGreaterThan(0);
    expect(stage.spec.selector.matchExpressions).toContainEqual({
      key: '.spec.containers.[].image | endswith(":never-ready")',
      operator: 'In',
      values: ['true'],
    });
    expect(stage.spec.selector.matchExpressions).toContainEqual({
      key: '.status.phase',
      operator: 'In',
      values: ['Pending'],
    });
  });

  it('leaves the pod Running with Ready and every container not ready', () => {
    const template = (parseAllDocuments(neverReadyStage)[0]?.toJS() as Stage).spec.next
      .statusTemplate;

    expect(template).toContain('phase: Running');
    expect(template).toMatch(
      /status: "False"\n\s+reason: ContainersNotReady\n\s+message: .*\n\s+type: Ready/,
    );
    expect(template).toContain('ready: false');
    expect(template).not.toContain('ready: true');
  });

  it('keeps the default pod-ready stage off never-ready pods, and no other stage', () => {
    const docs = parseAllDocuments(kwokConfig(stagesDir)).map((d) => d.toJS() as Stage);
    const exclusion = {
      key: `.spec.containers.[].image | endswith(":${neverReadyTag}")`,
      operator: 'NotIn',
      values: ['true'],
    };
    const podReady = docs.find((d) => d.metadata.name === 'pod-ready');
    expect(podReady?.spec.selector.matchExpressions).toEqual([
      exclusion,
      { key: '.status.phase', operator: 'In', values: ['Pending'] },
    ]);
    const others = docs.filter((d) => d.metadata.name !== 'pod-ready');
    expect(others.flatMap((d) => d.spec.selector.matchExpressions)).not.toContainEqual(exclusion);
    expect(() => excludeNeverReady('metadata:\n  name: pod-ready\n')).toThrow('no selector');
  });
});
