import { z } from 'zod';
import { customerIdSchema, orderIdSchema } from '../domain/fields';

/**
 * The customers service's view of the orders service's public events (`orders.events.v1`): only
 * what customers needs, validated here on the consuming side, and open to fields added later.
 * Customers never imports the orders code; this is its own copy of the published language.
 */
const orderFacts = z.looseObject({ orderId: orderIdSchema, customerId: customerIdSchema });

/** What an order event means for the customer's open-order count. */
export type OrderCountEffect = 'opened' | 'closed' | 'none';

/** Consumed order event types, their data schema and effect. Other types are ignored. */
export const consumedOrderEvents: Readonly<
  Record<string, { readonly data: typeof orderFacts; readonly effect: OrderCountEffect }>
> = {
  'order.placed.v1': { data: orderFacts, effect: 'opened' },
  // Paid, held and released orders are still open.
  'order.paid.v1': { data: orderFacts, effect: 'none' },
  'order.put_on_hold.v1': { data: orderFacts, effect: 'none' },
  'order.released.v1': { data: orderFacts, effect: 'none' },
  'order.shipped.v1': { data: orderFacts, effect: 'closed' },
  'order.cancelled.v1': { data: orderFacts, effect: 'closed' },
  'order.payment_failed.v1': { data: orderFacts, effect: 'closed' },
};

/** The topic the orders service publishes on. */
export const ordersEventsTopic = 'orders.events.v1';
