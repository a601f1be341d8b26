import type { InfraConfig } from './config';

/** One process that tools/infra manages: how to start it and how to tell it is ready. */
export interface Component {
  /** Short name; also the process marker and the log file name. */
  readonly name: 'kafka' | 'mongo';
  /** What a person reads in `status`. */
  readonly title: string;
  host(config: InfraConfig): string;
  port(config: InfraConfig): number;
  /** The address clients use, e.g. a broker list or a connection string. */
  address(config: InfraConfig): string;
  /** Spawns the process (already known not to run) and returns its pid. */
  start(config: InfraConfig, log: (line: string) => void): Promise<number>;
  /** True once clients can use it. */
  ready(config: InfraConfig): Promise<boolean>;
}
