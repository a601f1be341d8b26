import type { BaseConfig } from '../config/base-config';
import type { RunningApp } from './service-runtime';

/** How an app is started: by its `main` with signal handlers, by tests in-process without. */
export interface StartOptions {
  /** Installs the SIGTERM/SIGINT handlers (default); tests stop apps with `stop()` instead. */
  readonly installSignalHandlers?: boolean;
}

/** An app's `start`: its parsed config in, the running app out. */
export type StartApp<C extends BaseConfig> = (
  config: C,
  options?: StartOptions,
) => Promise<RunningApp<C>>;
