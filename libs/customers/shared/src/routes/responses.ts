import { commandResponses } from '@cqrs/framework-command-handling';
import { customerRejectionReasons } from '../aggregate/rejection-reasons';
import { customerResourceSchema } from '../api/customer-resource';

// The responses every service's routes share, for the route declarations here.
export { etagHeader, problem, requestProblems, roleRequired } from '@cqrs/framework-core';
export { keyReused, staleVersion } from '@cqrs/framework-command-handling';

/**
 * A command's success (`customerChanged`: the customer after the change, with its new ETag),
 * the errors of every command on an existing customer, and the 422 of the customer's rules.
 */
export const {
  changed: customerChanged,
  commandProblems,
  refused,
} = commandResponses('customer', customerResourceSchema, customerRejectionReasons);
