import { generateWebhookSecret, isWebhookSecret } from '@cqrs/framework-webhooks';
import { LOCAL_WEBHOOK_SECRET, resolveWebhookSecrets } from './local-webhook-secret';

describe('resolveWebhookSecrets', () => {
  it('falls back to the local secret, which is a valid one', () => {
    expect(resolveWebhookSecrets({})).toEqual([LOCAL_WEBHOOK_SECRET]);
    expect(resolveWebhookSecrets({ WEBHOOK_SECRETS: ' ' })).toEqual([LOCAL_WEBHOOK_SECRET]);
    expect(isWebhookSecret(LOCAL_WEBHOOK_SECRET)).toBe(true);
  });

  it('takes every configured secret, in order', () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];

    expect(resolveWebhookSecrets({ WEBHOOK_SECRETS: `${a}, ${b}` })).toEqual([a, b]);
  });

  it('refuses a secret that is not whsec_ and base64, without printing it', () => {
    expect(() => resolveWebhookSecrets({ WEBHOOK_SECRETS: 'hunter2' })).toThrow(
      /^WEBHOOK_SECRETS must be whsec_ secrets[^]*$/,
    );
    expect(() => resolveWebhookSecrets({ WEBHOOK_SECRETS: 'hunter2' })).not.toThrow(/hunter2/);
  });
});
