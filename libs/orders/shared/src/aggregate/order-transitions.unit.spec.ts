import type { OrderCommandType } from '../commands/order-commands';
import { orderCommandTypes } from '../commands/order-commands';
import { orderEventSchema } from '../events/order-events';
import type { OrderSituation } from '../testing/order-fixtures';
import {
  at,
  orderIn,
  orderSituations,
  ordersService,
  sampleCommand,
  situationOf,
} from '../testing/order-fixtures';
import { orderAggregate } from './order-aggregate';

/** What a cell expects: the decision (partially) and the situation after applying its event. */
interface Outcome {
  readonly decision: Record<string, unknown>;
  readonly then: OrderSituation | 'unchanged';
  readonly title: string;
}

const ok = (event: string, then: OrderSituation): Outcome => ({
  decision: { kind: 'accepted', event: { type: `order.${event}.v1` } },
  then,
  title: `with order.${event}.v1, then is ${then}`,
});
const refusal = (code: string, reason: string): Outcome => ({
  decision: { kind: 'rejected', code, reason },
  then: 'unchanged',
  title: `(${code}: ${reason})`,
});
const no = (reason: string) => refusal('rule_violated', reason);
const exists = refusal('conflict', 'already_exists');
const missing = refusal('not_found', 'order_not_found');
const closed = no('order_closed');

/** A closed order refuses everything but a second placement, which is a conflict. */
const closedRow: Record<OrderCommandType, Outcome> = {
  PlaceOrder: exists,
  CancelOrder: closed,
  ShipOrder: closed,
  RecordPaymentSucceeded: closed,
  RecordPaymentFailed: closed,
  HoldOrder: closed,
  ReleaseOrder: closed,
  CancelUnpaidOrder: closed,
};

// The state machine of DESIGN section 2, written out by hand: every situation x every command.
// Each cell is one test.
const matrix: Record<OrderSituation | 'not placed', Record<OrderCommandType, Outcome>> = {
  'not placed': {
    PlaceOrder: ok('placed', 'placed'),
    CancelOrder: missing,
    ShipOrder: missing,
    RecordPaymentSucceeded: missing,
    RecordPaymentFailed: missing,
    HoldOrder: missing,
    ReleaseOrder: missing,
    CancelUnpaidOrder: missing,
  },
  placed: {
    PlaceOrder: exists,
    CancelOrder: ok('cancelled', 'cancelled'),
    ShipOrder: no('not_paid'),
    RecordPaymentSucceeded: ok('paid', 'paid'),
    RecordPaymentFailed: ok('payment_failed', 'payment_failed'),
    HoldOrder: ok('put_on_hold', 'on_hold from placed'),
    ReleaseOrder: no('not_on_hold'),
    CancelUnpaidOrder: ok('cancelled', 'cancelled'),
  },
  paid: {
    PlaceOrder: exists,
    CancelOrder: no('already_paid'),
    ShipOrder: ok('shipped', 'shipped'),
    RecordPaymentSucceeded: no('already_paid'),
    RecordPaymentFailed: no('already_paid'),
    HoldOrder: ok('put_on_hold', 'on_hold from paid'),
    ReleaseOrder: no('not_on_hold'),
    CancelUnpaidOrder: no('already_paid'),
  },
  'on_hold from placed': {
    PlaceOrder: exists,
    CancelOrder: ok('cancelled', 'cancelled'),
    ShipOrder: no('on_hold'),
    // The money is taken: recorded, and the release will return the order to paid.
    RecordPaymentSucceeded: ok('paid', 'on_hold from paid'),
    RecordPaymentFailed: no('on_hold'),
    HoldOrder: no('already_on_hold'),
    ReleaseOrder: ok('released', 'placed'),
    CancelUnpaidOrder: no('on_hold'),
  },
  'on_hold from paid': {
    PlaceOrder: exists,
    CancelOrder: no('already_paid'),
    ShipOrder: no('on_hold'),
    RecordPaymentSucceeded: no('already_paid'),
    RecordPaymentFailed: no('already_paid'),
    HoldOrder: no('already_on_hold'),
    ReleaseOrder: ok('released', 'paid'),
    CancelUnpaidOrder: no('already_paid'),
  },
  payment_failed: closedRow,
  cancelled: closedRow,
  shipped: closedRow,
};

const cases = (row: Record<OrderCommandType, Outcome>) =>
  Object.entries(row).map(([command, outcome]) => ({
    command: command as OrderCommandType,
    outcome,
    title: `${outcome.then === 'unchanged' ? 'refuses' : 'accepts'} ${command} ${outcome.title}`,
  }));

describe('Order', () => {
  it('has a row for every situation and a cell for every command', () => {
    // Assert
    expect(Object.keys(matrix).sort()).toEqual(['not placed', ...orderSituations].sort());
    for (const row of Object.values(matrix)) {
      expect(Object.keys(row).sort()).toEqual([...orderCommandTypes].sort());
    }
  });

  describe.each(Object.entries(matrix))('when %s', (situation, row) => {
    const state = situation === 'not placed' ? undefined : orderIn(situation as OrderSituation);

    it.each(cases(row))('$title', ({ command, outcome }) => {
      // Arrange
      const when = sampleCommand(command);

      // Act
      const decision = orderAggregate.decide(state, when, { actor: ordersService, now: at(10) });

      // Assert
      expect(decision).toMatchObject(outcome.decision);
      const event = decision.kind === 'accepted' ? decision.event : undefined;
      const after = event ? situationOf(orderAggregate.evolve(state, event)) : 'unchanged';
      expect(after).toBe(outcome.then);
      expect(event === undefined || orderEventSchema.safeParse(event).success).toBe(true);
    });
  });
});
