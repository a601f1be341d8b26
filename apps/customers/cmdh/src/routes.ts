import type { BoundRoute } from '@cqrs/framework-core';
import { bindRoute } from '@cqrs/framework-core';
import type { HttpCommandRequest } from '@cqrs/framework-command-handling';
import {
  commandMetadata,
  commandResponseHeaders,
  deriveId,
} from '@cqrs/framework-command-handling';
import type { CustomerCommand } from '@cqrs/customers-shared';
import {
  approveKycRoute,
  blockCustomerRoute,
  closeCustomerRoute,
  recordOrderClosedRoute,
  recordOrderOpenedRoute,
  registerCustomerRoute,
  rejectKycRoute,
  unblockCustomerRoute,
  updateContactDetailsRoute,
} from '@cqrs/customers-shared';
import type { CustomerCommands } from './customer-commands';

/** HTTP -> command -> response: each handler only maps, the pipeline does the rest. */
export function customerCommandRoutes(commands: CustomerCommands): BoundRoute[] {
  async function run(
    operation: string,
    request: HttpCommandRequest,
    command: CustomerCommand,
    extraHeaders: Record<string, string> = {},
  ) {
    const result = await commands.execute({
      aggregateId: command.customerId,
      command,
      ...commandMetadata(operation, request),
    });
    return {
      body: result.body,
      headers: commandResponseHeaders(result, extraHeaders),
    };
  }

  return [
    bindRoute(registerCustomerRoute, async (request) => {
      const meta = commandMetadata('registerCustomer', request);
      // The same Idempotency-Key always names the same new customer, so a retry finds it.
      const customerId = deriveId('customer', meta.commandId);
      const command = { type: 'RegisterCustomer', customerId, ...request.body } as const;
      const response = await run('registerCustomer', request, command, {
        Location: `/customers/${customerId}`,
      });
      return { status: 201, ...response };
    }),
    bindRoute(updateContactDetailsRoute, async (request) => {
      const command = {
        type: 'UpdateContactDetails',
        customerId: request.params.id,
        ...request.body,
      } as const;
      return { status: 200, ...(await run('updateContactDetails', request, command)) };
    }),
    bindRoute(blockCustomerRoute, async (request) => {
      const command = {
        type: 'BlockCustomer',
        customerId: request.params.id,
        reason: request.body.reason,
      } as const;
      return { status: 200, ...(await run('blockCustomer', request, command)) };
    }),
    bindRoute(unblockCustomerRoute, async (request) => {
      const command = { type: 'UnblockCustomer', customerId: request.params.id } as const;
      return { status: 200, ...(await run('unblockCustomer', request, command)) };
    }),
    bindRoute(closeCustomerRoute, async (request) => {
      const command = { type: 'CloseCustomer', customerId: request.params.id } as const;
      return { status: 200, ...(await run('closeCustomer', request, command)) };
    }),
    bindRoute(approveKycRoute, async (request) => {
      const command = {
        type: 'ApproveKyc',
        customerId: request.params.id,
        ...request.body,
      } as const;
      return { status: 200, ...(await run('approveKyc', request, command)) };
    }),
    bindRoute(rejectKycRoute, async (request) => {
      const command = {
        type: 'RejectKyc',
        customerId: request.params.id,
        reason: request.body.reason,
      } as const;
      return { status: 200, ...(await run('rejectKyc', request, command)) };
    }),
    bindRoute(recordOrderOpenedRoute, async (request) => {
      const { id, orderId } = request.params;
      const command = { type: 'RecordOrderOpened', customerId: id, orderId } as const;
      return { status: 200, ...(await run('recordOrderOpened', request, command)) };
    }),
    bindRoute(recordOrderClosedRoute, async (request) => {
      const { id, orderId } = request.params;
      const command = { type: 'RecordOrderClosed', customerId: id, orderId } as const;
      return { status: 200, ...(await run('recordOrderClosed', request, command)) };
    }),
  ];
}
