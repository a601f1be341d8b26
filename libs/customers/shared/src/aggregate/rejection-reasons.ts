/**
 * The machine-readable `reason` of every refusal the `Customer` aggregate can give. They reach
 * clients as the problem details' `reason`, so they are part of the API: never rename one.
 */
export const customerRejectionReasons = {
  /** `conflict`: a customer with this id already exists. */
  alreadyExists: 'already_exists',
  /** `not_found`: no customer with this id. */
  customerNotFound: 'customer_not_found',
  /** `forbidden`: blocking and unblocking need the `risk` role. */
  riskRoleRequired: 'risk_role_required',
  /** KYC decisions and expiry need a customer in `pending_kyc`. */
  notPendingKyc: 'not_pending_kyc',
  /** Block and close need an `active` (close: or `blocked`) customer. */
  notActive: 'not_active',
  /** Block of a customer that is already blocked. */
  alreadyBlocked: 'already_blocked',
  /** Unblock of a customer that is not blocked. */
  notBlocked: 'not_blocked',
  /** Any lifecycle or contact change of a closed customer. */
  alreadyClosed: 'already_closed',
  /** Contact change of a customer whose KYC was rejected. */
  kycRejected: 'kyc_rejected',
  /** Close while the orders service reports open orders. */
  openOrders: 'open_orders',
  /** Contact change that names only values the customer already has. */
  noChange: 'no_change',
  /** `RecordOrderOpened` for an order already recorded as open. */
  orderAlreadyOpen: 'order_already_open',
  /** `RecordOrderClosed` for an order not recorded as open. */
  orderNotOpen: 'order_not_open',
} as const;

export type CustomerRejectionReason =
  (typeof customerRejectionReasons)[keyof typeof customerRejectionReasons];
