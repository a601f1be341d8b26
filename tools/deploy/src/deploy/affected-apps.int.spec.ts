import { repoRoot } from '@cqrs/tools-infra';
import { discoverApps } from '@cqrs/tools-workspace';
import { affectedProjects } from './affected-apps';

const apps = discoverApps().map((a) => a.name);
const affected = (file: string) => affectedProjects({ root: repoRoot, files: [file] });

describe('nx affected, which drives bundles and deploys', () => {
  it('rebuilds only the orders apps for a change to libs/orders/shared', () => {
    expect(affected('libs/orders/shared/src/index.ts')).toEqual(
      apps.filter((a) => a.startsWith('orders-')),
    );
  });

  it('rebuilds only the app itself for a change to one app', () => {
    expect(affected('apps/customers/qryh/src/main.ts')).toEqual(['customers-qryh']);
  });

  it('rebuilds every app for a framework change', () => {
    expect(affected('libs/framework/core/src/index.ts')).toEqual(apps);
  });
});
