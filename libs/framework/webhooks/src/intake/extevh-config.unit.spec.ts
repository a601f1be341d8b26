import { z } from 'zod';
import { generateWebhookSecret } from '../standard-webhooks/webhook-secret';
import { extevhConfigShape } from './extevh-config';

const schema = z.object(extevhConfigShape);
const base = { CMDH_URL: 'http://127.0.0.1:8080', SERVICE_TOKEN: 'token' };

describe('extevhConfigShape', () => {
  it('reads every comma-separated secret, ignoring blanks, with the defaults', () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];

    const config = schema.parse({ ...base, WEBHOOK_SECRETS: ` ${a} ,${b},` });

    expect(config).toEqual({
      ...base,
      WEBHOOK_SECRETS: [a, b],
      WEBHOOK_TOLERANCE_SECONDS: 300,
      COMMAND_TIMEOUT_MS: 10_000,
    });
  });

  it.each([
    ['no secret', ''],
    ['only commas', ' , '],
    ['a secret without whsec_', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    ['one bad secret among good ones', `${generateWebhookSecret()},whsec_not base64!`],
  ])('refuses %s', (_case, secrets) => {
    expect(schema.safeParse({ ...base, WEBHOOK_SECRETS: secrets }).success).toBe(false);
  });
});
