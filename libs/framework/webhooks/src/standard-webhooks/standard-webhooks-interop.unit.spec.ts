import { Webhook } from 'standardwebhooks';
import { webhookHeaders } from './sign-webhook';
import { verifyWebhook } from './verify-webhook';
import { generateWebhookSecret } from './webhook-secret';

// The `standardwebhooks` library checks timestamps against the system clock, so these tests
// sign with the current time; they assert only on verification results.
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('interoperability with the standardwebhooks library', () => {
  const secret = generateWebhookSecret();
  const payload = JSON.stringify({ type: 'customer.blocked.v1', data: { customerId: 'c-1' } });

  it('lets the library verify what webhookHeaders produced', () => {
    const headers = webhookHeaders([secret], 'msg_interop_1', nowSeconds(), payload);

    expect(new Webhook(secret).verify(payload, { ...headers })).toEqual(JSON.parse(payload));
  });

  it('lets the library verify a rotation header signed with an old and a new secret', () => {
    const retired = generateWebhookSecret();
    const headers = webhookHeaders([retired, secret], 'msg_interop_2', nowSeconds(), payload);

    expect(new Webhook(secret).verify(payload, { ...headers })).toEqual(JSON.parse(payload));
    expect(() => new Webhook(generateWebhookSecret()).verify(payload, { ...headers })).toThrow();
  });

  it('accepts what the library signs', () => {
    const timestamp = nowSeconds();
    const signature = new Webhook(secret).sign(
      'msg_interop_3',
      new Date(timestamp * 1000),
      payload,
    );
    const headers = {
      'webhook-id': 'msg_interop_3',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    };

    expect(verifyWebhook({ headers, rawBody: Buffer.from(payload), secrets: [secret] })).toEqual({
      id: 'msg_interop_3',
      timestampSeconds: timestamp,
    });
  });
});
