import { isWebhookSecret } from '@cqrs/framework-webhooks';

/**
 * The Standard Webhooks secret of local runs when `WEBHOOK_SECRETS` is not set: the local
 * `extevh` apps accept it and `npm run webhook:send` signs with it. It is in the source code on
 * purpose, like `LOCAL_JWT_SECRET`: worthless anywhere but on a developer's machine.
 */
export const LOCAL_WEBHOOK_SECRET = `whsec_${Buffer.from('local-dev-only-webhook-secret!!!').toString('base64')}`;

/**
 * The provider secrets local apps accept and `npm run webhook:send` signs with (the first):
 * `WEBHOOK_SECRETS` (comma-separated) from the environment when set, `LOCAL_WEBHOOK_SECRET`
 * otherwise.
 *
 * @throws Error when a configured secret is not `whsec_` followed by a base64 key.
 */
export function resolveWebhookSecrets(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  const configured = (env.WEBHOOK_SECRETS ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret !== '');
  if (configured.length === 0) return [LOCAL_WEBHOOK_SECRET];
  const invalid = configured.find((secret) => !isWebhookSecret(secret));
  if (invalid !== undefined) {
    throw new Error(
      'WEBHOOK_SECRETS must be whsec_ secrets (whsec_ and a base64 key), comma-separated',
    );
  }
  return configured;
}
