import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discoverApps } from './discover-apps';

describe('discoverApps', () => {
  let root: string;

  const project = (dir: string, tags: string[], withEntry = true) => {
    const full = path.join(root, dir);
    mkdirSync(path.join(full, 'src'), { recursive: true });
    writeFileSync(path.join(full, 'project.json'), JSON.stringify({ name: 'x', tags }));
    if (withEntry) writeFileSync(path.join(full, 'src', 'main.ts'), '');
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'discover-apps-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds every apps/<service>/<role> project tagged type:app, sorted by name', () => {
    project('apps/orders/qryh', ['scope:orders', 'type:app']);
    project('apps/customers/cmdh', ['scope:customers', 'type:app']);
    project('apps/customers/evh', ['scope:customers', 'type:app']);
    project('apps/customers/tooling', ['scope:customers', 'type:tool']);
    mkdirSync(path.join(root, 'apps/customers/empty'), { recursive: true });

    expect(discoverApps({ root })).toEqual([
      {
        service: 'customers',
        role: 'cmdh',
        name: 'customers-cmdh',
        dir: path.join(root, 'apps/customers/cmdh'),
        entry: path.join(root, 'apps/customers/cmdh/src/main.ts'),
      },
      expect.objectContaining({ name: 'customers-evh' }),
      expect.objectContaining({ name: 'orders-qryh', service: 'orders', role: 'qryh' }),
    ]);
  });

  it('leaves out, and reports, an app without its entry point', () => {
    project('apps/customers/chgh', ['type:app'], false);
    const skipped: string[] = [];

    expect(discoverApps({ root, onSkip: (name, why) => skipped.push(`${name}: ${why}`) })).toEqual(
      [],
    );
    expect(skipped).toEqual([`customers-chgh: no ${path.join('apps/customers/chgh/src/main.ts')}`]);
  });

  it('finds nothing when there is no apps directory', () => {
    expect(discoverApps({ root })).toEqual([]);
  });

  it('fails on a project.json that is not JSON, naming the file', () => {
    mkdirSync(path.join(root, 'apps/customers/cmdh'), { recursive: true });
    writeFileSync(path.join(root, 'apps/customers/cmdh/project.json'), '{ nope');

    expect(() => discoverApps({ root })).toThrow(/apps\/customers\/cmdh\/project\.json/);
  });
});
