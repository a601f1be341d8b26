import type {
  AggregateDefinition,
  Decision,
  DecisionContext,
  RejectionCode,
  Typed,
} from '../aggregate';

/** What a spec starts from: the events so far, or a state as it is. */
export type Given<S, E> = readonly E[] | { readonly state: S | undefined };

/** The outcome of one `when`, to assert on. */
export interface Then<S, E extends Typed> {
  /** The decision itself, for what the other checks do not cover. */
  readonly decision: Decision<E>;
  /**
   * Asserts the command was accepted with exactly `event`; returns the state after it, for
   * checks of `evolve`.
   */
  then(event: E): S;
  /** Asserts the command was accepted with an event matching `partial` (a jest object match). */
  thenMatches(partial: Partial<E> & Typed): S;
  /** Asserts the command was refused with `code` and `reason`. */
  thenRefused(code: RejectionCode, reason: string): void;
}

export interface DeciderSpec<S, C extends Typed, E extends Typed> {
  given(history: Given<S, E>): {
    /** Decides `command` on the given history, in the spec's context or with `overrides`. */
    when(command: C, overrides?: Partial<DecisionContext>): Then<S, E>;
  };
  /** The state a history leads to (`evolve` over it from nothing). */
  stateOf(history: Given<S, E>): S | undefined;
}

/**
 * Given/When/Then for an aggregate's decider, in jest:
 *
 *     const spec = deciderSpec(customerAggregate, { actor: riskOfficer, now: at(30) });
 *     spec.given(historyIn('active')).when(block).thenMatches({ type: 'customer.blocked.v1' });
 *     spec.given([]).when(block).thenRefused('not_found', 'customer_not_found');
 *
 * Given events are folded with the aggregate's own `evolve`, so a spec exercises `decide` and
 * `evolve` together, as the command handler does.
 */
export function deciderSpec<S, C extends Typed, E extends Typed>(
  aggregate: AggregateDefinition<S, C, E>,
  context: DecisionContext,
): DeciderSpec<S, C, E> {
  const stateOf = (history: Given<S, E>): S | undefined =>
    'state' in history
      ? history.state
      : history.reduce<S | undefined>((state, event) => aggregate.evolve(state, event), undefined);
  const accepted = (decision: Decision<E>): E => {
    if (decision.kind !== 'accepted') {
      throw new Error(
        `expected the command to be accepted; it was refused (${decision.code}: ${decision.reason}): ${decision.message}`,
      );
    }
    return decision.event;
  };
  return {
    stateOf,
    given: (history) => ({
      when(command, overrides) {
        const before = stateOf(history);
        const decision = aggregate.decide(before, command, { ...context, ...overrides });
        return {
          decision,
          then(event) {
            expect(accepted(decision)).toEqual(event);
            return aggregate.evolve(before, event);
          },
          thenMatches(partial) {
            const event = accepted(decision);
            expect(event).toMatchObject(partial);
            return aggregate.evolve(before, event);
          },
          thenRefused(code, reason) {
            expect(decision).toMatchObject({ kind: 'rejected', code, reason });
          },
        };
      },
    }),
  };
}
