import { deriveId } from '@cqrs/framework-command-handling';
import type { CommandCall } from '@cqrs/framework-command-client';
import type { z } from 'zod';
import type { WebhookRoute } from './webhook-route';

/** How one provider's webhooks become commands. */
export interface WebhookIntake<P extends z.ZodType = z.ZodType> {
  /** The declared hook route (`webhookRoute`); its `body` is the payload schema. */
  readonly route: WebhookRoute & { readonly body: P };
  /** Stored with each webhook and part of the derived command id, e.g. `kyc-provider`. */
  readonly provider: string;
  /**
   * The command a valid payload asks for. Pure: no I/O, no clock. (Method syntax, so an intake
   * of one payload is assignable to `WebhookIntake`.)
   */
  toCommand(payload: z.output<P>): CommandCall;
}

/** Declares an intake, typing `toCommand`'s payload from the route's schema. */
export const webhookIntake = <P extends z.ZodType>(intake: WebhookIntake<P>): WebhookIntake<P> =>
  intake;

/** Namespace of the command ids `extevh` derives; see {@link webhookCommandId}. */
export const extevhIdNamespace = 'extevh';

/**
 * The command id (Idempotency-Key) of a provider's webhook: derived from the webhook id, so a
 * redelivery sends the same key and `cmdh` answers with the earlier result instead of applying
 * the command twice.
 */
export const webhookCommandId = (provider: string, webhookId: string): string =>
  deriveId(extevhIdNamespace, `${provider}:${webhookId}`);
