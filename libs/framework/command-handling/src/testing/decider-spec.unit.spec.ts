import type { AggregateDefinition } from '../aggregate';
import { accept, reject } from '../aggregate';
import { deciderSpec } from './decider-spec';

/** A counter that refuses to go below zero: enough of a decider to check the spec helper. */
type Command = { type: 'Add'; by: number };
type Event = { type: 'counter.added.v1'; by: number };
const counter: AggregateDefinition<number, Command, Event> = {
  name: 'counter',
  decide: (state, command) =>
    (state ?? 0) + command.by < 0
      ? reject('rule_violated', 'below_zero', 'a counter stays at zero or above')
      : accept({ type: 'counter.added.v1', by: command.by }),
  evolve: (state, event) => (state ?? 0) + event.by,
};
const added = (by: number): Event => ({ type: 'counter.added.v1', by });
const spec = deciderSpec(counter, { actor: { sub: 'tester', roles: [] }, now: new Date(0) });

describe('deciderSpec', () => {
  it('folds the given events with evolve, decides, and returns the state after the event', () => {
    // Act
    const state = spec
      .given([added(2), added(3)])
      .when({ type: 'Add', by: -4 })
      .then(added(-4));

    // Assert
    expect(state).toBe(1);
  });

  it('starts from a given state as it is', () => {
    expect(spec.given({ state: 10 }).when({ type: 'Add', by: -10 }).thenMatches(added(-10))).toBe(
      0,
    );
  });

  it('passes a refusal with its code and reason', () => {
    spec.given([]).when({ type: 'Add', by: -1 }).thenRefused('rule_violated', 'below_zero');
  });

  it('fails then() on a refusal, naming the reason', () => {
    expect(() => spec.given([]).when({ type: 'Add', by: -1 }).then(added(-1))).toThrow(
      /refused \(rule_violated: below_zero\)/,
    );
  });

  it('fails then() on another event, and thenRefused() on an acceptance or another reason', () => {
    const outcome = spec.given([added(1)]).when({ type: 'Add', by: -1 });

    expect(() => outcome.then(added(-2))).toThrow();
    expect(() => outcome.thenRefused('rule_violated', 'below_zero')).toThrow();
    expect(() =>
      spec.given([]).when({ type: 'Add', by: -1 }).thenRefused('rule_violated', 'other'),
    ).toThrow();
  });
});
