import { localSecrets, type LocalSecretsInput } from './local-secrets';

const webhookSecret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const input: LocalSecretsInput = {
  apps: [
    { name: 'customers-cmdh', service: 'customers', role: 'cmdh' },
    { name: 'customers-extevh', service: 'customers', role: 'extevh' },
    { name: 'orders-qryh', service: 'orders', role: 'qryh' },
    { name: 'orders-extevh', service: 'orders', role: 'extevh' },
  ],
  jwtSecret: 'x'.repeat(32),
  serviceToken: 'header.payload.signature',
  webhookSecrets: [webhookSecret, webhookSecret],
};

describe('localSecrets', () => {
  it('makes the Secrets the values name: auth, one Mongo per service, webhook keys per extevh', () => {
    const secrets = localSecrets(input);

    expect(secrets.map((s) => s.metadata?.name)).toEqual([
      'cqrs-auth',
      'customers-mongo',
      'orders-mongo',
      'customers-extevh-webhook',
      'orders-extevh-webhook',
    ]);
    expect(secrets.every((s) => s.metadata?.namespace === 'cqrs' && s.type === 'Opaque')).toBe(
      true,
    );
    expect(secrets[0]?.stringData).toEqual({
      JWT_HS256_SECRET: 'x'.repeat(32),
      SERVICE_TOKEN: 'header.payload.signature',
    });
    expect(secrets[1]?.stringData).toEqual({
      MONGO_URL: 'mongodb://mongo.cqrs.svc.cluster.local:27017/?directConnection=true',
    });
    expect(secrets[3]?.stringData).toEqual({
      WEBHOOK_SECRETS: `${webhookSecret},${webhookSecret}`,
    });
  });

  it.each([
    [{ jwtSecret: 'short' }, 'jwtSecret'],
    [{ serviceToken: '' }, 'serviceToken'],
    [{ webhookSecrets: [] }, 'webhookSecrets'],
    [{ webhookSecrets: ['not-a-whsec'] }, 'webhookSecrets'],
  ])('refuses %j', (override, message) => {
    expect(() => localSecrets({ ...input, ...override })).toThrow(message);
  });
});
