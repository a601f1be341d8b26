/** Why a subscription stopped receiving deliveries. */
export type DisabledReason = 'manual' | 'gone' | 'failing';

/** One signing secret; after a rotation the previous one keeps signing until `expiresAt`. */
export interface SigningSecret {
  readonly value: string;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
}

/** A partner's registration for a service's events, as stored by `extevp`. */
export interface SubscriptionDocument {
  readonly _id: string;
  readonly url: string;
  /** Event types delivered; `['*']` for every type. */
  readonly eventTypes: readonly string[];
  readonly description: string;
  readonly status: 'active' | 'disabled';
  readonly disabled: {
    readonly reason: DisabledReason;
    readonly detail: string;
    readonly at: Date;
  } | null;
  /** Newest first. */
  readonly secrets: readonly SigningSecret[];
  /** Since when every attempt has failed; `null` after a success. */
  readonly failingSince: Date | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  /**
   * Since when it has been active with its current event types: every event written after it
   * that the subscription wants gets a delivery (the reconciliation checks that). Set when it
   * is created, enabled, or given other event types; absent in documents written before.
   */
  readonly matchingSince?: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

/** Whether a subscription wants events of `type`. */
export const wantsType = (subscription: Pick<SubscriptionDocument, 'eventTypes'>, type: string) =>
  subscription.eventTypes.includes('*') || subscription.eventTypes.includes(type);

/** The secrets that sign a delivery at `now`: the current one and any still in its grace period. */
export const signingSecrets = (
  subscription: Pick<SubscriptionDocument, 'secrets'>,
  now: Date,
): string[] =>
  subscription.secrets
    .filter((secret) => secret.expiresAt === null || secret.expiresAt > now)
    .map((secret) => secret.value);
