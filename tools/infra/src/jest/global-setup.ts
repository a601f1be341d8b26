import type { Config } from '@jest/types';
import { startLocalInfra, useTestProfile } from '../session';
import { infraWanted, log, remember } from './tier';

/**
 * Jest global setup for the integration and end-to-end tiers: starts the embedded Kafka broker
 * and engine of the `test` profile (own ports and data dir, engine in memory: tests use unique
 * names and need no persistence) when they are not already running, and points the tests at
 * them through MONGO_URL / KAFKA_BROKERS. Set either variable to use an external MongoDB or
 * Kafka instead.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  if (!infraWanted(globalConfig)) return;
  useTestProfile();
  remember(await startLocalInfra(log));
}
