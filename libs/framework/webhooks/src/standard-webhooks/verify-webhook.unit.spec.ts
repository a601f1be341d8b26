// The module object itself (not a namespace copy), so a spy sees the calls of verify-webhook.ts.
import crypto from 'node:crypto';
import { signWebhook, webhookHeaders } from './sign-webhook';
import type { WebhookVerificationReason } from './verify-webhook';
import { verifyWebhook, WebhookVerificationError } from './verify-webhook';
import { generateWebhookSecret } from './webhook-secret';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const timestamp = 1614265330;
const payload = '{"test": 2432232314}';
const headers = webhookHeaders([secret], id, timestamp, payload);

const reasonOf = (run: () => unknown): WebhookVerificationReason | 'none' => {
  try {
    run();
    return 'none';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
};

/** Why `payload`, sent at `timestamp` with `withHeaders`, fails against `secrets`; or 'none'. */
const reasonWith = (
  withHeaders: Parameters<typeof verifyWebhook>[0]['headers'],
  secrets: string[],
) =>
  reasonOf(() =>
    verifyWebhook({ headers: withHeaders, rawBody: payload, secrets, nowSeconds: timestamp }),
  );

describe('verifyWebhook', () => {
  describe('when the signature is right', () => {
    it('returns the id and timestamp, for a string or a Buffer body', () => {
      const fromString = verifyWebhook({
        headers,
        rawBody: payload,
        secrets: [secret],
        nowSeconds: timestamp,
      });
      const fromBuffer = verifyWebhook({
        headers,
        rawBody: Buffer.from(payload),
        secrets: [secret],
        nowSeconds: timestamp,
      });

      expect(fromString).toEqual({ id, timestampSeconds: timestamp });
      expect(fromBuffer).toEqual(fromString);
    });

    it('matches header names case-insensitively', () => {
      const shouted = {
        'Webhook-Id': id,
        'WEBHOOK-TIMESTAMP': String(timestamp),
        'Webhook-Signature': headers['webhook-signature'],
      };

      expect(
        verifyWebhook({
          headers: shouted,
          rawBody: payload,
          secrets: [secret],
          nowSeconds: timestamp,
        }).id,
      ).toBe(id);
    });
  });

  describe('timestamp tolerance', () => {
    const at = (nowSeconds: number, toleranceSeconds?: number) => () =>
      verifyWebhook({
        headers,
        rawBody: payload,
        secrets: [secret],
        nowSeconds,
        ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }),
      });

    it('accepts a timestamp exactly 300 s old and refuses one 301 s old', () => {
      expect(reasonOf(at(timestamp + 300))).toBe('none');
      expect(reasonOf(at(timestamp + 301))).toBe('stale_timestamp');
    });

    it('accepts a timestamp exactly 300 s ahead and refuses one 301 s ahead', () => {
      expect(reasonOf(at(timestamp - 300))).toBe('none');
      expect(reasonOf(at(timestamp - 301))).toBe('stale_timestamp');
    });

    it('honours another tolerance', () => {
      expect(reasonOf(at(timestamp + 10, 10))).toBe('none');
      expect(reasonOf(at(timestamp + 11, 10))).toBe('stale_timestamp');
    });
  });

  describe('rotated secrets', () => {
    const next = generateWebhookSecret();

    it('accepts a signature made with any of the secrets', () => {
      const byNext = webhookHeaders([next], id, timestamp, payload);

      expect(reasonWith(headers, [next, secret])).toBe('none');
      expect(reasonWith(byNext, [next, secret])).toBe('none');
      expect(reasonWith(byNext, [secret])).toBe('bad_signature');
    });

    it('accepts a header with several signatures when one of them matches', () => {
      const both = webhookHeaders([generateWebhookSecret(), secret], id, timestamp, payload);

      expect(reasonWith(both, [secret])).toBe('none');
    });

    it('accepts the signatures as repeated header values', () => {
      const repeated = {
        ...headers,
        'webhook-signature': ['v1,AAAA', headers['webhook-signature']],
      };

      expect(reasonWith(repeated, [secret])).toBe('none');
    });
  });

  describe('when something is wrong', () => {
    const verify =
      (overrides: Record<string, string | string[] | undefined>, body = payload) =>
      () =>
        verifyWebhook({
          headers: { ...headers, ...overrides },
          rawBody: body,
          secrets: [secret],
          nowSeconds: timestamp,
        });

    it.each([
      ['webhook-id', { 'webhook-id': undefined }],
      ['webhook-timestamp', { 'webhook-timestamp': '' }],
      ['webhook-signature', { 'webhook-signature': undefined }],
      ['a repeated webhook-id', { 'webhook-id': [id, 'msg_other'] }],
    ])('refuses a request without %s as missing_headers', (_name, overrides) => {
      expect(reasonOf(verify(overrides))).toBe('missing_headers');
    });

    it.each(['soon', '-1', '1614265330.5', '1e9'])(
      'refuses the timestamp %j as bad_timestamp',
      (value) => {
        expect(reasonOf(verify({ 'webhook-timestamp': value }))).toBe('bad_timestamp');
      },
    );

    it('refuses an altered body, id or timestamp', () => {
      expect(reasonOf(verify({}, `${payload} `))).toBe('bad_signature');
      expect(reasonOf(verify({ 'webhook-id': 'msg_other' }))).toBe('bad_signature');
      expect(reasonOf(verify({ 'webhook-timestamp': String(timestamp + 1) }))).toBe(
        'bad_signature',
      );
    });

    it('refuses a header with only v1a (asymmetric) signatures', () => {
      const [, digest] = headers['webhook-signature'].split(',');

      expect(reasonOf(verify({ 'webhook-signature': `v1a,${digest}` }))).toBe('bad_signature');
    });

    it('refuses truncated and garbage signatures without throwing anything else', () => {
      expect(
        reasonOf(verify({ 'webhook-signature': headers['webhook-signature'].slice(0, -4) })),
      ).toBe('bad_signature');
      expect(reasonOf(verify({ 'webhook-signature': 'v1, v1,' }))).toBe('bad_signature');
      expect(reasonOf(verify({ 'webhook-signature': 'nonsense' }))).toBe('bad_signature');
    });

    it('reports the reason on a WebhookVerificationError', () => {
      expect(verify({ 'webhook-signature': 'v1,AAAA' })).toThrow(WebhookVerificationError);
    });
  });

  describe('comparison', () => {
    afterEach(() => jest.restoreAllMocks());

    it('compares the signature bytes in constant time', () => {
      const compare = jest.spyOn(crypto, 'timingSafeEqual');
      const expected = signWebhook(secret, id, timestamp, payload).slice('v1,'.length);

      verifyWebhook({ headers, rawBody: payload, secrets: [secret], nowSeconds: timestamp });

      expect(compare).toHaveBeenCalledWith(Buffer.from(expected), Buffer.from(expected));
    });
  });
});
