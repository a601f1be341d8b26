import type { CloudEvent } from '@cqrs/framework-kafka';
import type { z } from 'zod';
import type { EventCommand } from './command-call';

/**
 * How one event type becomes commands: the schema of its `data` (the producer's public
 * contract, validated again on this side) and a pure mapping to the commands to send.
 */
export interface EventRoute<S extends z.ZodType = z.ZodType> {
  readonly data: S;
  /**
   * The commands `event` asks for, sent in order; an empty array when there is nothing to do
   * (e.g. the event concerns something this service does not track). Pure: no I/O, no clock.
   * (Method syntax, so a route for one schema is assignable to {@link EventRoutes}.)
   */
  toCommands(event: CloudEvent, data: z.output<S>): readonly EventCommand[];
}

/**
 * Routes by CloudEvent `type`, e.g. `customer.blocked.v1`. A type without a route is
 * acknowledged and ignored: producers add event types without asking their consumers.
 */
export type EventRoutes = Readonly<Record<string, EventRoute>>;

/** Declares a route, typing `toCommands`' `data` from the schema. */
export const eventRoute = <S extends z.ZodType>(route: EventRoute<S>): EventRoute<S> => route;
