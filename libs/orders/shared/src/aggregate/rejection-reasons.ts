/**
 * The machine-readable `reason` of every refusal the `Order` aggregate can give. They reach
 * clients as the problem details' `reason`, so they are part of the API: never rename one.
 */
export const orderRejectionReasons = {
  /** `conflict`: an order with this id already exists. */
  alreadyExists: 'already_exists',
  /** `not_found`: no order with this id. */
  orderNotFound: 'order_not_found',
  /** `forbidden`: payment results, holds, releases and unpaid cancellation need `service`. */
  serviceRoleRequired: 'service_role_required',
  /** `PlaceOrder` for a customer the orders service has never heard of. */
  customerUnknown: 'customer_unknown',
  /** `PlaceOrder` for a customer whose standing is not `active`. */
  customerNotActive: 'customer_not_active',
  /** `PlaceOrder` whose total exceeds `Number.MAX_SAFE_INTEGER` minor units. */
  totalTooLarge: 'total_too_large',
  /** Any command on a shipped, cancelled or payment_failed order. */
  orderClosed: 'order_closed',
  /** Ship, payment failure or unpaid cancellation of an order on hold. */
  onHold: 'on_hold',
  /** Hold of an order that is already on hold. */
  alreadyOnHold: 'already_on_hold',
  /** Release of an order that is not on hold. */
  notOnHold: 'not_on_hold',
  /** Ship of an order that is not paid. */
  notPaid: 'not_paid',
  /** Cancel or a payment result for an order that is paid (or on hold from paid). */
  alreadyPaid: 'already_paid',
} as const;

export type OrderRejectionReason =
  (typeof orderRejectionReasons)[keyof typeof orderRejectionReasons];

/** The `reason` of every refusal the `CustomerStanding` aggregate can give. */
export const customerStandingRejectionReasons = {
  /** `forbidden`: only services record standings. */
  serviceRoleRequired: 'service_role_required',
  /**
   * The standing comes from a customer version at or below the last one recorded: a duplicate
   * or out-of-order delivery. `orders-evh` treats it as already applied.
   */
  staleStanding: 'stale_standing',
} as const;

export type CustomerStandingRejectionReason =
  (typeof customerStandingRejectionReasons)[keyof typeof customerStandingRejectionReasons];
