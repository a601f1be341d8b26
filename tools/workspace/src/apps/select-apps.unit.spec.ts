import type { DevApp } from './dev-app';
import { selectApps } from './select-apps';

const app = (service: string, role: string): DevApp => ({
  service,
  role,
  name: `${service}-${role}`,
  dir: `/apps/${service}/${role}`,
  entry: `/apps/${service}/${role}/src/main.ts`,
});
const apps = [app('customers', 'cmdh'), app('customers', 'qryh'), app('orders', 'cmdh')];

describe('selectApps', () => {
  it('selects everything when no names are given', () => {
    expect(selectApps(apps, [])).toEqual(apps);
  });

  it('selects apps by app name and by service name', () => {
    expect(selectApps(apps, ['orders', 'customers-qryh']).map((a) => a.name)).toEqual([
      'customers-qryh',
      'orders-cmdh',
    ]);
  });

  it('fails on a name that matches nothing, listing the apps', () => {
    expect(() => selectApps(apps, ['billing'])).toThrow(
      'no app or service named billing (apps: customers-cmdh, customers-qryh, orders-cmdh)',
    );
  });
});
