import path from 'node:path';
import { parseInfraConfig, repoRoot } from './config';

describe('parseInfraConfig', () => {
  describe('with the dev profile (npm start, infra:up)', () => {
    it('defaults to Kafka on 9092 and a persisted engine on 27017 under .infra', () => {
      const config = parseInfraConfig({});

      expect(config.profile).toBe('dev');
      expect(config.kafka.brokers).toBe('127.0.0.1:9092');
      expect(config.mongo.url).toBe('mongodb://127.0.0.1:27017/?directConnection=true');
      expect(config.dataDir).toBe(path.join(repoRoot, '.infra'));
      expect(config.mongo.persist).toBe(true);
    });

    it("keeps Kafka's logs next to the engine's file", () => {
      const config = parseInfraConfig({ INFRA_DATA_DIR: '/tmp/x' });

      expect(config.kafka.dir).toBe('/tmp/x/kafka');
      expect(config.mongo.file).toBe('/tmp/x/mongo/engine.mv.db');
      expect(config.cacheDir).toBe('/tmp/x/cache');
    });
  });

  describe('with the test profile (Jest tiers, with-infra, benchmarks)', () => {
    it('defaults to its own ports and data dir and an in-memory engine', () => {
      const config = parseInfraConfig({ INFRA_PROFILE: 'test' });

      expect(config.kafka.brokers).toBe('127.0.0.1:19092');
      expect(config.kafka.controllerPort).toBe(19093);
      expect(config.mongo.url).toBe('mongodb://127.0.0.1:27018/?directConnection=true');
      expect(config.dataDir).toBe(path.join(repoRoot, '.infra', 'test'));
      expect(config.mongo.persist).toBe(false);
    });

    it('shares the dev jar cache unless the data dir is set', () => {
      expect(parseInfraConfig({ INFRA_PROFILE: 'test' }).cacheDir).toBe(
        path.join(repoRoot, '.infra', 'cache'),
      );
      expect(parseInfraConfig({ INFRA_PROFILE: 'test', INFRA_DATA_DIR: '/tmp/t' }).cacheDir).toBe(
        '/tmp/t/cache',
      );
    });

    it('lets every explicitly set variable win over the profile', () => {
      const config = parseInfraConfig({
        INFRA_PROFILE: 'test',
        KAFKA_PORT: '19292',
        MONGO_PORT: '27217',
        INFRA_DATA_DIR: '/tmp/t',
        MONGO_PERSIST: 'true',
      });

      expect(config.kafka.brokers).toBe('127.0.0.1:19292');
      expect(config.mongo.port).toBe(27217);
      expect(config.dataDir).toBe('/tmp/t');
      expect(config.mongo.persist).toBe(true);
    });
  });

  it('takes ports, data dir and persistence from the environment', () => {
    const config = parseInfraConfig({
      KAFKA_PORT: '19092',
      MONGO_PORT: '37017',
      INFRA_DATA_DIR: '/tmp/x',
      MONGO_PERSIST: 'false',
    });

    expect(config.kafka.brokers).toBe('127.0.0.1:19092');
    expect(config.mongo.url).toBe('mongodb://127.0.0.1:37017/?directConnection=true');
    expect(config.logDir).toBe('/tmp/x/logs');
    expect(config.mongo.persist).toBe(false);
  });

  it("puts Kafka's logs next to an in-memory engine apart, as throwaway", () => {
    const config = parseInfraConfig({ INFRA_DATA_DIR: '/tmp/x', MONGO_PERSIST: 'false' });

    expect(config.kafka.dir).toBe('/tmp/x/ephemeral/kafka');
  });

  it('reads "false" as false', () => {
    expect(parseInfraConfig({ MONGO_PERSIST: 'false' }).mongo.persist).toBe(false);
  });

  it('rejects a port that is not a port, naming the variable', () => {
    expect(() => parseInfraConfig({ KAFKA_PORT: '70000' })).toThrow(/KAFKA_PORT/);
  });

  it('rejects an unknown profile, naming the variable', () => {
    expect(() => parseInfraConfig({ INFRA_PROFILE: 'prod' })).toThrow(/INFRA_PROFILE/);
  });
});
