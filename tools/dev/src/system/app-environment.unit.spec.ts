import type { DevApp } from '@cqrs/tools-workspace';
import { appEnvironment, type AppEnvironmentInput } from './app-environment';

const app = (service: string, role: string): DevApp => ({
  service,
  role,
  name: `${service}-${role}`,
  dir: `/repo/apps/${service}/${role}`,
  entry: `/repo/apps/${service}/${role}/src/main.ts`,
});

const cmdh = app('customers', 'cmdh');
const input: AppEnvironmentInput = {
  app: cmdh,
  host: '127.0.0.1',
  port: 3101,
  placed: [
    { app: cmdh, url: 'http://127.0.0.1:3101' },
    { app: app('customers', 'qryh'), url: 'http://127.0.0.1:3102' },
    { app: app('customers', 'extevp'), url: 'http://127.0.0.1:3103' },
    { app: app('orders', 'cmdh'), url: 'http://127.0.0.1:3104' },
  ],
  mongoUrl: 'mongodb://127.0.0.1:27017/?directConnection=true',
  kafkaBrokers: '127.0.0.1:9092',
  jwtSecret: 's'.repeat(32),
  serviceToken: 'header.payload.signature',
  logLevel: 'debug',
  inherited: { PATH: '/usr/bin', HOME: '/home/dev' },
};

describe('appEnvironment', () => {
  it('gives an app the whole contract, with the URLs of its own service only', () => {
    expect(appEnvironment(input)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/dev',
      SERVICE_NAME: 'customers-cmdh',
      HOST: '127.0.0.1',
      PORT: '3101',
      LOG_LEVEL: 'debug',
      LOG_PRETTY: 'false',
      MONGO_URL: 'mongodb://127.0.0.1:27017/?directConnection=true',
      MONGO_DB: 'customers',
      KAFKA_BROKERS: '127.0.0.1:9092',
      JWT_HS256_SECRET: 's'.repeat(32),
      SERVICE_TOKEN: 'header.payload.signature',
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8,::1',
      WEBHOOK_PLAIN_HTTP_NETWORKS: '127.0.0.0/8,::1',
      QRYH_URL: 'http://127.0.0.1:3102',
      EXTEVP_URL: 'http://127.0.0.1:3103',
    });
  });

  it('drops inherited variables the contract owns, so the shell cannot contradict it', () => {
    const env = appEnvironment({
      ...input,
      inherited: {
        PATH: '/bin',
        JWT_JWKS_URL: 'https://idp/jwks',
        JWT_ISSUER: 'idp',
        EVH_URL: 'http://elsewhere',
        PORT: '1',
        LOG_PRETTY: 'true',
        WEBHOOK_ALLOWED_NETWORKS: '0.0.0.0/0',
      },
    });

    expect(env).not.toHaveProperty('JWT_JWKS_URL');
    expect(env).not.toHaveProperty('JWT_ISSUER');
    expect(env).not.toHaveProperty('EVH_URL');
    expect(env).toMatchObject({
      PATH: '/bin',
      PORT: '3101',
      LOG_PRETTY: 'false',
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8,::1',
    });
  });

  it("passes the providers' webhook secrets on, never an inherited one", () => {
    const given = appEnvironment({ ...input, webhookSecrets: 'whsec_a,whsec_b' });
    const inherited = appEnvironment({ ...input, inherited: { WEBHOOK_SECRETS: 'whsec_shell' } });

    expect(given.WEBHOOK_SECRETS).toBe('whsec_a,whsec_b');
    expect(inherited).not.toHaveProperty('WEBHOOK_SECRETS');
  });
});
