import { z } from 'zod';
import {
  deadLetterGroupsSchema,
  timeWindowShape,
  windowInOrder,
  windowMessage,
} from '@cqrs/framework-jobs';
import { pageQueryShape, pageSchema } from '@cqrs/framework-query-handling';
import { failureReasons } from '../deliveries/delivery';
import { deliveryResourceSchema } from './subscription-schemas';

export const failureReasonSchema = z.enum(failureReasons).describe('Why it was parked');

/** The filters every dead-letter view of deliveries takes. */
const filterShape = {
  reason: failureReasonSchema.optional(),
  eventType: z.string().min(1).max(200).optional().describe('Only this event type'),
  subscriptionId: z.string().min(1).max(64).optional().describe('Only this subscription'),
  ...timeWindowShape('failed'),
};

const deadStatusSchema = z
  .enum(['failed', 'discarded'])
  .describe('failed: waiting for an operator; discarded: given up on');

/** `GET /<service>/webhooks/deliveries`: failed and discarded ones unless a status is given. */
export const listDeadDeliveriesQuerySchema = z
  .strictObject({ status: deadStatusSchema.optional(), ...filterShape, ...pageQueryShape })
  .refine(windowInOrder, windowMessage);

/** `GET /<service>/webhooks/deliveries/groups`: failed ones unless told. */
export const deadDeliveryGroupsQuerySchema = z
  .strictObject({ status: deadStatusSchema.default('failed'), ...filterShape })
  .refine(windowInOrder, windowMessage);

/** Which failed deliveries a bulk replay makes due again. */
export const deliveryReplayFilterSchema = z
  .strictObject(filterShape)
  .refine(windowInOrder, windowMessage);

export type DeliveryReplayFilter = z.output<typeof deliveryReplayFilterSchema>;

export const deadDeliveryPageSchema = pageSchema(deliveryResourceSchema);

export const deadDeliveryGroupsSchema = deadLetterGroupsSchema(failureReasonSchema, 'failure');

export const deadDeliveryParamsSchema = z.object({
  deliveryId: z.string().min(1).max(600).describe('Delivery id'),
});
