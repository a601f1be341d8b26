import { z } from 'zod';
import { customerIdSchema } from '../domain/fields';

/**
 * The orders service's view of the customers service's published language: the Kafka topic and
 * the CloudEvent types `orders-evh` consumes. Declared here rather than imported: services never
 * import each other, and orders reads only what it needs (the customer id; the standing follows
 * from the type, the order from the CloudEvent `sequence`).
 */
export const customersEventsTopic = 'customers.events.v1';

/** The customer event types orders acts on; every other type on the topic is skipped. */
export const consumedCustomerEventTypes = {
  registered: 'customer.registered.v1',
  kycApproved: 'customer.kyc_approved.v1',
  kycRejected: 'customer.kyc_rejected.v1',
  blocked: 'customer.blocked.v1',
  unblocked: 'customer.unblocked.v1',
  closed: 'customer.closed.v1',
} as const;

export type ConsumedCustomerEventType =
  (typeof consumedCustomerEventTypes)[keyof typeof consumedCustomerEventTypes];

// Not strict: the customers service adds fields within a `.v1` (name, reason, ...), and orders
// must keep reading. Fields orders does not use are dropped by the parse.
const customerEventData = z.object({ customerId: customerIdSchema });

/** The `data` of each consumed type, as orders reads it. */
export const consumedCustomerEventDataSchemas: Readonly<
  Record<ConsumedCustomerEventType, typeof customerEventData>
> = {
  [consumedCustomerEventTypes.registered]: customerEventData,
  [consumedCustomerEventTypes.kycApproved]: customerEventData,
  [consumedCustomerEventTypes.kycRejected]: customerEventData,
  [consumedCustomerEventTypes.blocked]: customerEventData,
  [consumedCustomerEventTypes.unblocked]: customerEventData,
  [consumedCustomerEventTypes.closed]: customerEventData,
};

/** A consumed customer event: its type and the data orders needs. */
export interface ConsumedCustomerEvent {
  readonly type: ConsumedCustomerEventType;
  readonly customerId: string;
}

const consumedTypes: readonly string[] = Object.values(consumedCustomerEventTypes);

/** Whether orders acts on events of `type` (anything else on the topic is skipped, not parked). */
export const isConsumedCustomerEventType = (type: string): type is ConsumedCustomerEventType =>
  consumedTypes.includes(type);

/**
 * Validates a consumed CloudEvent's `type` and `data`. Throws a `ZodError` for a consumed type
 * with invalid data and an `Error` for a type orders does not consume (check first with
 * `isConsumedCustomerEventType`); `evh` parks either.
 */
export function parseConsumedCustomerEvent(cloudEvent: {
  type: string;
  data: unknown;
}): ConsumedCustomerEvent {
  const { type } = cloudEvent;
  if (!isConsumedCustomerEventType(type)) {
    throw new Error(`orders does not consume customer events of type ${type}`);
  }
  const data = consumedCustomerEventDataSchemas[type].parse(cloudEvent.data);
  return { type, customerId: data.customerId };
}
