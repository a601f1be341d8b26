import { ConfigError, parseConfig } from '@cqrs/framework-core';
import { TEST_JWT_SECRET } from '@cqrs/framework-core/testing';
import { configSchema } from './config';

const required = {
  SERVICE_NAME: 'customers-chgh',
  JWT_HS256_SECRET: TEST_JWT_SECRET,
  MONGO_URL: 'mongodb://mongo:27017/?replicaSet=rs0',
};

describe('customers-chgh config', () => {
  describe('when only the required keys are set', () => {
    it('uses the customers database, a 15 s lease and batches of 100', () => {
      // Act
      const config = parseConfig(configSchema, required);

      // Assert
      expect(config).toMatchObject({
        MONGO_DB: 'customers',
        LEASE_TTL_MS: 15_000,
        BATCH_SIZE: 100,
      });
    });
  });

  describe('when values are out of range', () => {
    it.each([
      ['MONGO_URL', ''],
      ['LEASE_TTL_MS', '500'],
      ['BATCH_SIZE', '0'],
      ['BATCH_SIZE', 'many'],
    ])('refuses %s=%j', (key, value) => {
      // Arrange
      const env = { ...required, [key]: value };

      // Act
      const act = () => parseConfig(configSchema, env);

      // Assert
      expect(act).toThrow(ConfigError);
    });
  });
});
