import { realClusterLayout, type RealClusterLayout } from '../node/layout';
import { downReal, upReal } from '../node/up-down';
import { installLocalAddons } from './addons';
import type { LocalEndpoints } from './endpoints';

/** The local cluster as a test run or a tool uses it. */
export interface LocalClusterSession {
  readonly layout: RealClusterLayout;
  readonly endpoints: LocalEndpoints;
  /** Whether this session started the cluster (then `stop` stops it). */
  readonly started: boolean;
  /** Stops the cluster and restores the host, when this session started it; else nothing. */
  stop(): Promise<void>;
}

/**
 * The local one-node cluster with its add-ons (Kafka, engine, Traefik), started when not
 * already running. Like the local infrastructure's session: whoever starts it stops it, so a
 * developer's running cluster survives a test run.
 */
export async function localClusterSession(
  log: (line: string) => void,
  layout: RealClusterLayout = realClusterLayout(),
): Promise<LocalClusterSession> {
  const { state, started } = await upReal(layout, log);
  const stop = async () => {
    if (!started) return;
    for (const problem of await downReal(layout, log)) log(`not restored: ${problem}`);
  };
  try {
    const endpoints = await installLocalAddons({ layout, apiserverUrl: state.server ?? '', log });
    return { layout, endpoints, started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
