import type { Actor } from '@cqrs/framework-core';
import { AppError } from '@cqrs/framework-core';

/** Anything with a literal `type`: commands and events are unions keyed by it. */
export interface Typed {
  readonly type: string;
}

/** What a decision needs besides the state and the command. */
export interface DecisionContext {
  readonly actor: Actor;
  readonly now: Date;
}

/** Why the domain refused a command; each maps to one HTTP status at the edge. */
export type RejectionCode = 'rule_violated' | 'forbidden' | 'not_found' | 'conflict';

export type Decision<E extends Typed> =
  | { readonly kind: 'accepted'; readonly event: E }
  | {
      readonly kind: 'rejected';
      readonly code: RejectionCode;
      /** Stable, machine-readable, e.g. `open_orders`, `kyc_not_pending`. */
      readonly reason: string;
      readonly message: string;
    };

/**
 * The reason of a refusal (an `AppError` with a `details.reason`, as a rejected decision or a
 * store conflict becomes) when it is one of `reasons`, else `undefined`: reasons are compared
 * as the enums that declare them, never as free strings.
 */
export function refusalAmong<const R extends string>(
  error: unknown,
  reasons: readonly R[],
): R | undefined {
  if (!AppError.is(error)) return undefined;
  const { reason } = error.details;
  return reasons.find((candidate) => candidate === reason);
}

export const accept = <E extends Typed>(event: E): Decision<E> => ({ kind: 'accepted', event });

export const reject = (code: RejectionCode, reason: string, message: string): Decision<never> => ({
  kind: 'rejected',
  code,
  reason,
  message,
});

/**
 * A service's aggregate as pure functions (emmett style): `decide` turns a command into one event
 * or a rejection, `evolve` applies an event. `undefined` state = the aggregate does not exist yet.
 */
export interface AggregateDefinition<S, C extends Typed, E extends Typed> {
  /** e.g. `customer`; event types are `<name>.<what>.v<n>`. */
  readonly name: string;
  decide(state: S | undefined, command: C, context: DecisionContext): Decision<E>;
  evolve(state: S | undefined, event: E): S;
}
