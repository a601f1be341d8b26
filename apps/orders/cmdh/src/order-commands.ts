import type { Db } from 'mongodb';
import type { Actor, Logger, Metrics } from '@cqrs/framework-core';
import type { CommandRequest, CommandResult } from '@cqrs/framework-command-handling';
import {
  createCommandHandler,
  createVersionedRepository,
  deriveId,
  fingerprintOf,
  observeCommands,
  refusalAmong,
} from '@cqrs/framework-command-handling';
import type {
  CustomerOrdersChanged,
  CustomerStandingCommand,
  CustomerStandingDocument,
  CustomerStandingResource,
  OrderCommand,
  OrderDocument,
  OrderStatus,
  Standing,
} from '@cqrs/orders-shared';
import {
  customerBlockedHoldReason,
  customerStandingAggregate,
  customerStandingRejectionReasons,
  customerStandingsCollection,
  fromCustomerStandingDocument,
  fromOrderDocument,
  openOrderStatuses,
  orderAggregate,
  orderRejectionReasons,
  ordersCollection,
  toCustomerStandingDocument,
  toCustomerStandingResource,
  toOrderDocument,
  toOrderResource,
} from '@cqrs/orders-shared';

/** What a request to act on all of a customer's orders carries besides the customer. */
export interface CustomerOrdersRequest {
  readonly customerId: string;
  /** The request's command id; each order's sub-command id is derived from it and the order id. */
  readonly commandId: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId?: string;
}

/** Refusals of a sub-command that mean "this order is not ours to change": skipped. */
const skippedReasons = [
  orderRejectionReasons.alreadyOnHold,
  orderRejectionReasons.notOnHold,
  orderRejectionReasons.orderClosed,
];

/**
 * The orders command pipelines: the `Order` aggregate over `orders`, the `CustomerStanding`
 * aggregate over `customer_standings`, and the customer-wide hold / release built on the first.
 */
export function createOrderCommands(deps: { db: Db; logger: Logger; metrics: Metrics }) {
  const logger = deps.logger.child({ module: 'commands' });
  const observe = observeCommands(deps.metrics);
  const orders = deps.db.collection<OrderDocument>(ordersCollection);
  const standings = deps.db.collection<CustomerStandingDocument>(customerStandingsCollection);

  const orderHandler = createCommandHandler({
    aggregate: orderAggregate,
    store: createVersionedRepository<OrderDocument>(deps.db, ordersCollection),
    toDocument: toOrderDocument,
    fromDocument: fromOrderDocument,
    respond: (state, version, command: OrderCommand) => ({
      status: command.type === 'PlaceOrder' ? 201 : 200,
      body: toOrderResource(state, version),
    }),
    logger,
    observe,
  });

  const standingHandler = createCommandHandler({
    aggregate: customerStandingAggregate,
    store: createVersionedRepository<CustomerStandingDocument>(
      deps.db,
      customerStandingsCollection,
    ),
    toDocument: toCustomerStandingDocument,
    fromDocument: fromCustomerStandingDocument,
    respond: (state, version) => ({
      status: 200,
      body: toCustomerStandingResource(state, version),
    }),
    logger,
    observe,
  });

  /** The standing recorded for `customerId`, `null` when orders never heard of the customer. */
  async function standingOf(customerId: string): Promise<Standing | null> {
    const document = await standings.findOne({ _id: customerId }, { projection: { standing: 1 } });
    return document?.standing ?? null;
  }

  /**
   * Runs `command` on every order of the customer matching `statuses`, each with a command id
   * derived from the request's and the order's, so a retried request replays instead of acting
   * twice. Orders another request already moved are refused by the domain and skipped.
   */
  async function forEachOrder(
    request: CustomerOrdersRequest,
    operation: string,
    statuses: readonly OrderStatus[],
    filter: (document: Pick<OrderDocument, 'status' | 'holdReason'>) => boolean,
    command: (orderId: string) => OrderCommand,
  ): Promise<CustomerOrdersChanged> {
    const candidates = orders
      .find(
        { customerId: request.customerId, status: { $in: [...statuses] } },
        { projection: { _id: 1, status: 1, holdReason: 1 } },
      )
      .sort({ customerId: 1, status: 1, _id: 1 });
    const changed: CustomerOrdersChanged['orders'] = [];
    for await (const document of candidates) {
      if (!filter(document)) continue;
      const orderId = document._id;
      const commandId = deriveId(operation, `${request.commandId}\0${orderId}`);
      try {
        const result = await orderHandler.execute({
          aggregateId: orderId,
          command: command(orderId),
          commandId,
          fingerprint: fingerprintOf({ operation, customerId: request.customerId, orderId }),
          actor: request.actor,
          correlationId: request.correlationId,
          causationId: request.causationId ?? request.commandId,
        });
        const { id, version, status } = result.body;
        changed.push({ id, version, status });
      } catch (error) {
        const reason = refusalAmong(error, skippedReasons);
        if (reason === undefined) throw error;
        logger.debug({ orderId, reason }, `${operation}: order skipped`);
      }
    }
    changed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { orders: changed };
  }

  return {
    standingOf,

    /** Applies one command to one order. */
    execute: (request: CommandRequest<OrderCommand>) => orderHandler.execute(request),

    /**
     * Records a customer's standing. A stale one (customer version at or below the recorded one)
     * is refused by the domain as `stale_standing`; it means the event was already applied, so
     * it answers as an idempotent replay: the current standing, `replayed: true`.
     */
    async recordStanding(
      request: CommandRequest<CustomerStandingCommand>,
    ): Promise<CommandResult<CustomerStandingResource>> {
      try {
        return await standingHandler.execute(request);
      } catch (error) {
        if (!refusalAmong(error, [customerStandingRejectionReasons.staleStanding])) throw error;
        const document = await standings.findOne({ _id: request.aggregateId });
        if (!document) throw error;
        const state = fromCustomerStandingDocument(document);
        return {
          status: 200,
          body: toCustomerStandingResource(state, document.version),
          version: document.version,
          replayed: true,
        };
      }
    },

    /** Puts every open order of a blocked customer on hold; nothing unless the standing is blocked. */
    async holdCustomerOrders(
      request: CustomerOrdersRequest & { reason: string },
    ): Promise<CustomerOrdersChanged> {
      if ((await standingOf(request.customerId)) !== 'blocked') return { orders: [] };
      // `on_hold` too: a retried request finds the orders it held and replays their answers.
      return forEachOrder(
        request,
        'holdCustomerOrders',
        [...openOrderStatuses, 'on_hold'],
        () => true,
        (orderId) => ({ type: 'HoldOrder', orderId, reason: request.reason }),
      );
    },

    /** Releases the orders a block put on hold; nothing unless the standing is active. */
    async releaseCustomerOrders(request: CustomerOrdersRequest): Promise<CustomerOrdersChanged> {
      if ((await standingOf(request.customerId)) !== 'active') return { orders: [] };
      // Open ones too: a retried request finds the orders it released and replays their answers.
      return forEachOrder(
        request,
        'releaseCustomerOrders',
        [...openOrderStatuses, 'on_hold'],
        (document) =>
          document.status !== 'on_hold' || document.holdReason === customerBlockedHoldReason,
        (orderId) => ({ type: 'ReleaseOrder', orderId }),
      );
    },
  };
}

export type OrderCommands = ReturnType<typeof createOrderCommands>;
