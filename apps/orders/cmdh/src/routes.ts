import type { BoundRoute } from '@cqrs/framework-core';
import { bindRoute } from '@cqrs/framework-core';
import type { HttpCommandRequest } from '@cqrs/framework-command-handling';
import {
  commandMetadata,
  commandResponseHeaders,
  deriveId,
} from '@cqrs/framework-command-handling';
import type { OrderCommand } from '@cqrs/orders-shared';
import {
  cancelOrderRoute,
  holdCustomerOrdersRoute,
  placeOrderRoute,
  recordCustomerStandingRoute,
  recordPaymentFailedRoute,
  recordPaymentSucceededRoute,
  releaseCustomerOrdersRoute,
  shipOrderRoute,
} from '@cqrs/orders-shared';
import type { OrderCommands } from './order-commands';

/** HTTP -> command -> response: each handler only maps, the pipeline does the rest. */
export function orderCommandRoutes(commands: OrderCommands): BoundRoute[] {
  async function run(
    operation: string,
    request: HttpCommandRequest,
    command: OrderCommand,
    extraHeaders: Record<string, string> = {},
  ) {
    const result = await commands.execute({
      aggregateId: command.orderId,
      command,
      ...commandMetadata(operation, request),
    });
    return {
      body: result.body,
      headers: commandResponseHeaders(result, extraHeaders),
    };
  }

  return [
    bindRoute(placeOrderRoute, async (request) => {
      const meta = commandMetadata('placeOrder', request);
      // The same Idempotency-Key always names the same new order, so a retry finds it.
      const orderId = deriveId('order', meta.commandId);
      // decide stays pure: the standing is read here, from orders' own copy, just before.
      const customerStanding = await commands.standingOf(request.body.customerId);
      const command = { type: 'PlaceOrder', orderId, ...request.body, customerStanding } as const;
      const response = await run('placeOrder', request, command, {
        Location: `/orders/${orderId}`,
      });
      return { status: 201, ...response };
    }),
    bindRoute(cancelOrderRoute, async (request) => {
      const command = {
        type: 'CancelOrder',
        orderId: request.params.id,
        reason: request.body.reason,
      } as const;
      return { status: 200, ...(await run('cancelOrder', request, command)) };
    }),
    bindRoute(shipOrderRoute, async (request) => {
      const command = { type: 'ShipOrder', orderId: request.params.id } as const;
      return { status: 200, ...(await run('shipOrder', request, command)) };
    }),
    bindRoute(recordPaymentSucceededRoute, async (request) => {
      const command = {
        type: 'RecordPaymentSucceeded',
        orderId: request.params.id,
        reference: request.body.reference,
      } as const;
      return { status: 200, ...(await run('recordPaymentSucceeded', request, command)) };
    }),
    bindRoute(recordPaymentFailedRoute, async (request) => {
      const command = {
        type: 'RecordPaymentFailed',
        orderId: request.params.id,
        reason: request.body.reason,
      } as const;
      return { status: 200, ...(await run('recordPaymentFailed', request, command)) };
    }),
    bindRoute(recordCustomerStandingRoute, async (request) => {
      const { customerId } = request.params;
      // A stale standing (already applied) answers 200 with the current standing and
      // `Idempotent-Replayed: true` rather than the domain's 422, which orders-evh would park.
      const result = await commands.recordStanding({
        aggregateId: customerId,
        command: { type: 'RecordCustomerStanding', customerId, ...request.body },
        ...commandMetadata('recordCustomerStanding', request),
      });
      return { status: 200, body: result.body, headers: commandResponseHeaders(result) };
    }),
    bindRoute(holdCustomerOrdersRoute, async (request) => {
      const meta = commandMetadata('holdCustomerOrders', request);
      const body = await commands.holdCustomerOrders({
        ...meta,
        customerId: request.params.customerId,
        reason: request.body.reason,
      });
      return { status: 200, body };
    }),
    bindRoute(releaseCustomerOrdersRoute, async (request) => {
      const meta = commandMetadata('releaseCustomerOrders', request);
      const body = await commands.releaseCustomerOrders({
        ...meta,
        customerId: request.params.customerId,
      });
      return { status: 200, body };
    }),
  ];
}
