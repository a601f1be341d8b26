import path from 'node:path';
import type { DevApp } from '@cqrs/tools-workspace';

/** The fake app entries under `testing/fake-app/`. */
export type FakeAppKind = 'main' | 'never-ready' | 'crash-at-start' | 'ignore-sigterm';

/** A `DevApp` for `startSystem` that runs one of the fake apps as `<service>-<role>`. */
export const fakeApp = (service: string, role: string, kind: FakeAppKind = 'main'): DevApp => ({
  service,
  role,
  name: `${service}-${role}`,
  dir: path.join(__dirname, 'fake-app'),
  entry: path.join(__dirname, 'fake-app', `${kind}.ts`),
});
