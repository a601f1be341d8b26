import type { MongoClient } from 'mongodb';
import type { Logger } from 'pino';

/**
 * Logs what an operator needs to see when MongoDB misbehaves, without a line per heartbeat:
 * the first failed heartbeat of each server (then one line when it recovers) and cleared pools.
 */
export function logTopologyEvents(client: MongoClient, logger: Logger): void {
  const failing = new Set<string>();

  client.on('serverHeartbeatFailed', (event) => {
    if (failing.has(event.connectionId)) return;
    failing.add(event.connectionId);
    logger.warn({ server: event.connectionId, err: event.failure }, 'MongoDB server unreachable');
  });

  client.on('serverHeartbeatSucceeded', (event) => {
    if (!failing.delete(event.connectionId)) return;
    logger.info({ server: event.connectionId }, 'MongoDB server reachable again');
  });

  client.on('connectionPoolCleared', (event) => {
    logger.warn({ server: event.address }, 'MongoDB connection pool cleared');
  });

  client.on('topologyDescriptionChanged', (event) => {
    const before = event.previousDescription.type;
    const after = event.newDescription.type;
    if (before !== after && before !== 'Unknown') {
      logger.warn({ before, after }, 'MongoDB topology changed');
    }
  });
}
