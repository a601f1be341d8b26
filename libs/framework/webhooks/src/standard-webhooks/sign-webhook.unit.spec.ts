import { signWebhook, webhookHeaders } from './sign-webhook';
import { generateWebhookSecret, isWebhookSecret, webhookKeyOf } from './webhook-secret';

// The Standard Webhooks specification's published test vector.
const vector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('signWebhook', () => {
  it('reproduces the Standard Webhooks reference vector', () => {
    const signature = signWebhook(vector.secret, vector.id, vector.timestamp, vector.payload);

    expect(signature).toBe(vector.signature);
  });

  it('accepts the key without its whsec_ prefix', () => {
    const bare = vector.secret.slice('whsec_'.length);

    expect(signWebhook(bare, vector.id, vector.timestamp, vector.payload)).toBe(vector.signature);
  });

  it('changes with every signed part', () => {
    const { secret, id, timestamp, payload } = vector;

    expect(signWebhook(secret, `${id}x`, timestamp, payload)).not.toBe(vector.signature);
    expect(signWebhook(secret, id, timestamp + 1, payload)).not.toBe(vector.signature);
    expect(signWebhook(secret, id, timestamp, `${payload} `)).not.toBe(vector.signature);
    expect(signWebhook(generateWebhookSecret(), id, timestamp, payload)).not.toBe(vector.signature);
  });

  it('refuses an empty key and a fractional timestamp', () => {
    expect(() => signWebhook('whsec_', vector.id, vector.timestamp, '')).toThrow(/non-empty/);
    expect(() => signWebhook(vector.secret, vector.id, 1.5, '')).toThrow(/whole seconds/);
  });
});

describe('webhookHeaders', () => {
  it('signs with every secret, space-separated, in order', () => {
    const other = generateWebhookSecret();

    const headers = webhookHeaders(
      [vector.secret, other],
      vector.id,
      vector.timestamp,
      vector.payload,
    );

    expect(headers).toEqual({
      'webhook-id': vector.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': `${vector.signature} ${signWebhook(other, vector.id, vector.timestamp, vector.payload)}`,
    });
  });

  it('needs a secret', () => {
    expect(() => webhookHeaders([], vector.id, vector.timestamp, '')).toThrow(/at least one/);
  });
});

describe('generateWebhookSecret', () => {
  it('makes a whsec_ secret of 32 random bytes', () => {
    const secret = generateWebhookSecret();

    expect(isWebhookSecret(secret)).toBe(true);
    expect(webhookKeyOf(secret)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});

describe('isWebhookSecret', () => {
  it.each(['', 'whsec_', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_not base64!'])(
    'refuses %j',
    (secret) => {
      expect(isWebhookSecret(secret)).toBe(false);
    },
  );
});
