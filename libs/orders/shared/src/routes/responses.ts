import { commandResponses } from '@cqrs/framework-command-handling';
import { orderRejectionReasons } from '../aggregate/rejection-reasons';
import { orderResourceSchema } from '../api/order-resource';

// The responses every service's routes share, for the route declarations here.
export { etagHeader, problem, requestProblems, roleRequired } from '@cqrs/framework-core';
export { staleVersion } from '@cqrs/framework-command-handling';

/**
 * A command's success (`orderChanged`: the order after the change, with its new ETag), the
 * errors of every command on an existing order, and the 422 of the order's rules.
 */
export const {
  changed: orderChanged,
  commandProblems,
  refused,
} = commandResponses('order', orderResourceSchema, orderRejectionReasons);
