import { z } from 'zod';
import { baseConfigSchema } from './base-config';
import { ConfigError } from './config-error';
import { parseConfig } from './parse-config';

const secret = 'a'.repeat(32);

describe('parseConfig', () => {
  describe('with the base schema', () => {
    it('fills the defaults when only the required keys are set', () => {
      const config = parseConfig(baseConfigSchema, {
        SERVICE_NAME: 'customers-cmdh',
        JWT_HS256_SECRET: secret,
      });

      expect(config).toEqual({
        HOST: '0.0.0.0',
        PORT: 8080,
        LOG_LEVEL: 'info',
        LOG_PRETTY: false,
        SERVICE_NAME: 'customers-cmdh',
        HTTP_BODY_LIMIT: '100kb',
        SHUTDOWN_GRACE_MS: 10_000,
        JWT_HS256_SECRET: secret,
      });
    });

    it('coerces numbers and reads booleans with stringbool', () => {
      const env = { SERVICE_NAME: 'x', JWT_HS256_SECRET: secret, PORT: '0' };

      expect(parseConfig(baseConfigSchema, { ...env, LOG_PRETTY: 'false' }).LOG_PRETTY).toBe(false);
      expect(parseConfig(baseConfigSchema, { ...env, LOG_PRETTY: 'yes' }).LOG_PRETTY).toBe(true);
      expect(parseConfig(baseConfigSchema, env).PORT).toBe(0);
    });

    it('refuses a boolean it cannot read instead of guessing', () => {
      const parse = () =>
        parseConfig(baseConfigSchema, {
          SERVICE_NAME: 'x',
          JWT_HS256_SECRET: secret,
          LOG_PRETTY: 'maybe',
        });

      expect(parse).toThrow(ConfigError);
      expect(parse).toThrow(/LOG_PRETTY/);
    });

    it('requires exactly one of the HS256 secret and the JWKS URL', () => {
      const both = { JWT_HS256_SECRET: secret, JWT_JWKS_URL: 'https://idp.example/jwks.json' };

      expect(() => parseConfig(baseConfigSchema, { SERVICE_NAME: 'x' })).toThrow(/exactly one/);
      expect(() => parseConfig(baseConfigSchema, { SERVICE_NAME: 'x', ...both })).toThrow(
        /exactly one/,
      );
      expect(
        parseConfig(baseConfigSchema, { SERVICE_NAME: 'x', JWT_JWKS_URL: both.JWT_JWKS_URL })
          .JWT_JWKS_URL,
      ).toBe(both.JWT_JWKS_URL);
    });

    it('treats empty values as unset', () => {
      const config = parseConfig(baseConfigSchema, {
        SERVICE_NAME: 'x',
        JWT_HS256_SECRET: secret,
        JWT_JWKS_URL: '',
        PORT: '',
      });

      expect(config.PORT).toBe(8080);
      expect(config.JWT_JWKS_URL).toBeUndefined();
    });

    it('reports every bad variable in the prettified message', () => {
      let error: unknown;
      try {
        parseConfig(baseConfigSchema, { JWT_HS256_SECRET: 'short', PORT: 'eighty' });
      } catch (thrown) {
        error = thrown;
      }

      expect(error).toBeInstanceOf(ConfigError);
      const { message, issues } = error as ConfigError;
      expect(message).toContain('→ at SERVICE_NAME');
      expect(message).toContain('→ at PORT');
      expect(message).toContain('→ at JWT_HS256_SECRET');
      expect(issues.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('with an app schema extending the base', () => {
    const appSchema = baseConfigSchema.extend({
      MONGO_URL: z.string().startsWith('mongodb://'),
      CRON_ENABLED: z.stringbool().default(true),
    });

    it('parses the app keys and keeps the JWT rule', () => {
      const env = { SERVICE_NAME: 'x', MONGO_URL: 'mongodb://db' };

      expect(
        parseConfig(appSchema, { ...env, JWT_HS256_SECRET: secret, CRON_ENABLED: '0' }),
      ).toEqual(expect.objectContaining({ MONGO_URL: 'mongodb://db', CRON_ENABLED: false }));
      expect(() => parseConfig(appSchema, env)).toThrow(/exactly one/);
    });
  });
});
