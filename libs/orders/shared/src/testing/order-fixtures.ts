import type { Actor } from '@cqrs/framework-core';
import { evolveOrder } from '../aggregate/evolve';
import type { OrderCommand, OrderCommandType } from '../commands/order-commands';
import type { Order, OrderLine } from '../domain/order';
import type { OrderEvent } from '../events/order-events';

/** Test data for the `Order` aggregate: actors, clock, histories and sample commands. */

export const orderId = 'o-1';
export const customerId = 'c-1';

/** Has every role the domain checks, so a matrix test sees only the state machine. */
export const ordersService: Actor = { sub: 'orders-evh', roles: ['service'] };
export const shopper: Actor = { sub: 'shopper-7', roles: ['customer'] };

export const t0 = new Date('2025-03-01T09:00:00.000Z');

/** `minutes` after `t0`. */
export const at = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000);

const iso = (minutes: number) => at(minutes).toISOString();

/** Two lines: 2 x 12.50 + 1 x 4.99 = 29.99 EUR. */
export const sampleLines: OrderLine[] = [
  { sku: 'BOOK-1', quantity: 2, unitPrice: 1250 },
  { sku: 'PEN-2', quantity: 1, unitPrice: 499 },
];

export const sampleTotal = 2999;

const base = (minutes: number) => ({ orderId, customerId, occurredAt: iso(minutes) });

export const placedEvent: OrderEvent = {
  type: 'order.placed.v1',
  ...base(0),
  lines: sampleLines,
  currency: 'EUR',
  total: sampleTotal,
};

const paid: OrderEvent = { type: 'order.paid.v1', ...base(1), reference: 'pay-42' };

const held = (heldFrom: 'placed' | 'paid'): OrderEvent => ({
  type: 'order.put_on_hold.v1',
  ...base(2),
  reason: 'customer_blocked',
  heldFrom,
});

/** A status, with `on_hold` split by where the order was held from. */
export type OrderSituation =
  | 'placed'
  | 'paid'
  | 'payment_failed'
  | 'cancelled'
  | 'shipped'
  | 'on_hold from placed'
  | 'on_hold from paid';

/** Every situation an existing order can be in. */
export const orderSituations: readonly OrderSituation[] = [
  'placed',
  'paid',
  'payment_failed',
  'cancelled',
  'shipped',
  'on_hold from placed',
  'on_hold from paid',
];

/** The situation of `state`, e.g. `on_hold from paid`. */
export const situationOf = (state: Order): OrderSituation =>
  state.status === 'on_hold'
    ? (`on_hold from ${state.heldFrom ?? 'nothing'}` as OrderSituation)
    : state.status;

/** The events that lead to an order in `situation`, one minute apart from `t0`. */
export function historyIn(situation: OrderSituation): OrderEvent[] {
  switch (situation) {
    case 'placed':
      return [placedEvent];
    case 'paid':
      return [placedEvent, paid];
    case 'payment_failed':
      return [
        placedEvent,
        { type: 'order.payment_failed.v1', ...base(1), reason: 'card declined' },
      ];
    case 'cancelled':
      return [placedEvent, { type: 'order.cancelled.v1', ...base(1), reason: 'changed my mind' }];
    case 'shipped':
      return [placedEvent, paid, { type: 'order.shipped.v1', ...base(2) }];
    case 'on_hold from placed':
      return [placedEvent, held('placed')];
    case 'on_hold from paid':
      return [placedEvent, paid, held('paid')];
  }
}

/** The state after `events` (undefined for none): the "given" of a given/when/then test. */
export const given = (events: readonly OrderEvent[]): Order | undefined =>
  events.reduce<Order | undefined>(evolveOrder, undefined);

/** The state of an order in `situation`. */
export function orderIn(situation: OrderSituation): Order {
  const state = given(historyIn(situation));
  if (!state) throw new Error('a history always creates the order');
  return state;
}

/** A valid command of each type for `orderId`; `PlaceOrder` is for an active customer. */
export function sampleCommand(type: OrderCommandType): OrderCommand {
  switch (type) {
    case 'PlaceOrder':
      return {
        type,
        orderId,
        customerId,
        lines: sampleLines,
        currency: 'EUR',
        customerStanding: 'active',
      };
    case 'CancelOrder':
      return { type, orderId, reason: 'ordered by mistake' };
    case 'RecordPaymentSucceeded':
      return { type, orderId, reference: 'pay-77' };
    case 'RecordPaymentFailed':
      return { type, orderId, reason: 'insufficient funds' };
    case 'HoldOrder':
      return { type, orderId, reason: 'customer_blocked' };
    case 'ShipOrder':
    case 'ReleaseOrder':
    case 'CancelUnpaidOrder':
      return { type, orderId };
  }
}
