import { z } from 'zod';
import { domainEventSchema as event, storedEventParser } from '@cqrs/framework-command-handling';
import {
  orderCancelledDataSchema,
  orderPaidDataSchema,
  orderPaymentFailedDataSchema,
  orderPlacedDataSchema,
  orderPutOnHoldDataSchema,
  orderReleasedDataSchema,
  orderShippedDataSchema,
} from './order-event-data';

/** The public event types of the orders service (`order.<what>.v<n>`). */
export const orderEventTypes = {
  placed: 'order.placed.v1',
  paid: 'order.paid.v1',
  paymentFailed: 'order.payment_failed.v1',
  putOnHold: 'order.put_on_hold.v1',
  released: 'order.released.v1',
  shipped: 'order.shipped.v1',
  cancelled: 'order.cancelled.v1',
} as const;

export type OrderEventType = (typeof orderEventTypes)[keyof typeof orderEventTypes];

/** The Kafka topic the orders service publishes its events on, keyed by order id. */
export const ordersEventsTopic = 'orders.events.v1';

/** Every event of the `Order` aggregate, keyed by `type`. */
export const orderEventSchema = z.discriminatedUnion('type', [
  event(orderEventTypes.placed, orderPlacedDataSchema),
  event(orderEventTypes.paid, orderPaidDataSchema),
  event(orderEventTypes.paymentFailed, orderPaymentFailedDataSchema),
  event(orderEventTypes.putOnHold, orderPutOnHoldDataSchema),
  event(orderEventTypes.released, orderReleasedDataSchema),
  event(orderEventTypes.shipped, orderShippedDataSchema),
  event(orderEventTypes.cancelled, orderCancelledDataSchema),
]);

export type OrderEvent = z.infer<typeof orderEventSchema>;

/** The event of one type, e.g. `OrderEventOf<'order.shipped.v1'>`. */
export type OrderEventOf<T extends OrderEventType> = Extract<OrderEvent, { type: T }>;

/**
 * Rebuilds and validates a domain event from a stored or published one (`type` + `data`), e.g.
 * a document's `lastEvent` or a CloudEvent. Throws a `ZodError` for anything not in the catalog.
 */
export const parseOrderEvent = storedEventParser(orderEventSchema);
