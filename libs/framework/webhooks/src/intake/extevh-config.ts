import { z } from 'zod';
import type { CmdhClientConfig } from '@cqrs/framework-command-client';
import { cmdhClientConfigShape } from '@cqrs/framework-command-client';
import { defaultToleranceSeconds } from '../standard-webhooks/verify-webhook';
import { isWebhookSecret } from '../standard-webhooks/webhook-secret';

const positiveInt = z.coerce.number().int().positive();

/** A comma-separated list of `whsec_` secrets, at least one; blanks around commas ignored. */
const webhookSecrets = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((secret) => secret.trim())
      .filter((secret) => secret.length > 0),
  )
  .pipe(
    z
      .array(z.string().refine(isWebhookSecret, 'must be whsec_ followed by a base64 key'))
      .min(1, 'needs at least one whsec_ secret'),
  );

/** The settings of an `extevh`: its `cmdh`, the provider's secrets and the timestamp tolerance. */
export const extevhConfigShape = {
  ...cmdhClientConfigShape,
  /**
   * The provider's secrets, comma-separated: every one is accepted, so a new secret is added
   * before the provider switches to it and the old one removed after.
   */
  WEBHOOK_SECRETS: webhookSecrets,
  /** Largest accepted distance between a webhook's timestamp and now, either way. */
  WEBHOOK_TOLERANCE_SECONDS: positiveInt.default(defaultToleranceSeconds),
};

/** The parsed settings of `extevhConfigShape`. */
export interface ExtevhConfig extends CmdhClientConfig {
  readonly WEBHOOK_SECRETS: readonly string[];
  readonly WEBHOOK_TOLERANCE_SECONDS: number;
}
