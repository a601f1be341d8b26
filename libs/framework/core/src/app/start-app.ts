import type { BaseConfig } from '../config/base-config';
import type { RunningApp, StartOptions } from './service-runtime';

/** An app's `start`: its parsed config in, the running app out. */
export type StartApp<C extends BaseConfig> = (
  config: C,
  options?: StartOptions,
) => Promise<RunningApp<C>>;
