import type { EventCatalogEntry } from '@cqrs/framework-event-publishing';
import {
  orderCancelledDataSchema,
  orderPaidDataSchema,
  orderPaymentFailedDataSchema,
  orderPlacedDataSchema,
  orderPutOnHoldDataSchema,
  orderReleasedDataSchema,
  orderShippedDataSchema,
} from './order-event-data';
import type { OrderEventType } from './order-events';
import { orderEventTypes } from './order-events';

/**
 * The public event contract of the orders service, one entry per type. `evp` serves it with each
 * `dataSchema` as JSON Schema (`z.toJSONSchema`). `customer_standing.*` events are internal and
 * never published, so they are not here.
 */
export const eventCatalog: readonly EventCatalogEntry<OrderEventType>[] = [
  {
    type: orderEventTypes.placed,
    description: 'An active customer placed an order; it waits for payment.',
    dataSchema: orderPlacedDataSchema,
  },
  {
    type: orderEventTypes.paid,
    description: 'The payment succeeded; an order on hold stays held and is released as paid.',
    dataSchema: orderPaidDataSchema,
  },
  {
    type: orderEventTypes.paymentFailed,
    description: 'The payment failed; the order is closed.',
    dataSchema: orderPaymentFailedDataSchema,
  },
  {
    type: orderEventTypes.putOnHold,
    description: 'The order was put on hold (e.g. its customer was blocked).',
    dataSchema: orderPutOnHoldDataSchema,
  },
  {
    type: orderEventTypes.released,
    description: 'The hold was lifted; the order is back where it was held from.',
    dataSchema: orderReleasedDataSchema,
  },
  {
    type: orderEventTypes.shipped,
    description: 'The paid order was shipped; the order is closed.',
    dataSchema: orderShippedDataSchema,
  },
  {
    type: orderEventTypes.cancelled,
    description: 'The order was cancelled (reason payment_timeout when left unpaid); closed.',
    dataSchema: orderCancelledDataSchema,
  },
];

/** One published event type: what it means and the schema of its CloudEvent `data`. */
export type OrderEventCatalogEntry = EventCatalogEntry<OrderEventType>;
