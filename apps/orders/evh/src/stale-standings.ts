import type { CommandClient } from '@cqrs/framework-command-client';
import { customerStandingsPath } from './event-routes';

/** The refusal of a standing older than (or as old as) the one recorded: already applied. */
const staleStanding = 'stale_standing';

// Events whose standing was stale, remembered until their other commands are skipped.
const remembered = 1_000;

/**
 * A client treating `stale_standing` as done: the event is older than what orders already
 * applied (a redelivery after a newer event, or a late replay), so it is not parked, and the
 * event's other commands (hold, release) are skipped, as the newer standing's own event decided
 * them. Commands of one event are sent one after the other with the event id as request id.
 */
export function skippingStaleStandings(client: CommandClient): CommandClient {
  const stale = new Set<string>();
  return {
    close: () => client.close(),
    async send(command, signal) {
      if (stale.has(command.requestId)) return { outcome: 'applied', status: 200 };
      const answer = await client.send(command, signal);
      const isStale =
        answer.outcome === 'refused' &&
        answer.reason === staleStanding &&
        command.path.startsWith(customerStandingsPath);
      if (!isStale) return answer;
      stale.add(command.requestId);
      if (stale.size > remembered) stale.delete(stale.values().next().value as string);
      return { outcome: 'applied', status: answer.status };
    },
  };
}
