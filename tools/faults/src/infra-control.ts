import type { Component, InfraConfig } from '@cqrs/tools-infra';
import { components, down, up } from '@cqrs/tools-infra';

/** Stops and starts one component of the local infrastructure the system under test runs on. */
export interface InfraControl {
  stop(name: 'kafka' | 'mongo'): Promise<void>;
  start(name: 'kafka' | 'mongo'): Promise<void>;
}

/**
 * Infra control over `config`'s components: `stop` ends the process `infra:up` started (SIGTERM,
 * as `infra:down` does), `start` brings it back on the same ports and data and waits until it is
 * ready. Only components started by the tooling can be stopped (never a process of someone else).
 */
export function infraControl(config: InfraConfig, log: (line: string) => void): InfraControl {
  const component = (name: string): Component => {
    const found = components.find((c) => c.name === name);
    if (found === undefined) throw new Error(`no infrastructure component ${name}`);
    return found;
  };
  return {
    stop: (name) => down(config, log, [component(name)]),
    start: async (name) => {
      await up(config, log, [component(name)]);
    },
  };
}
