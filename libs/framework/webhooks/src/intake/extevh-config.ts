import { z } from 'zod';
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
  /** Base URL of the service's own `cmdh`, e.g. `http://customers-cmdh:8080`. */
  CMDH_URL: z.url({ protocol: /^https?$/ }),
  /** The JWT (role `service`) sent to `cmdh` with every command. */
  SERVICE_TOKEN: z.string().min(1),
  /**
   * The provider's secrets, comma-separated: every one is accepted, so a new secret is added
   * before the provider switches to it and the old one removed after.
   */
  WEBHOOK_SECRETS: webhookSecrets,
  /** Largest accepted distance between a webhook's timestamp and now, either way. */
  WEBHOOK_TOLERANCE_SECONDS: positiveInt.default(defaultToleranceSeconds),
  /** Longest a command to `cmdh` may take; the provider gets 503 after it. */
  COMMAND_TIMEOUT_MS: positiveInt.default(10_000),
};

/** The parsed settings of `extevhConfigShape`. */
export interface ExtevhConfig {
  readonly CMDH_URL: string;
  readonly SERVICE_TOKEN: string;
  readonly WEBHOOK_SECRETS: readonly string[];
  readonly WEBHOOK_TOLERANCE_SECONDS: number;
  readonly COMMAND_TIMEOUT_MS: number;
}
