import path from 'node:path';
import { parseInfraConfig, repoRoot } from './config';

describe('parseInfraConfig', () => {
  it('defaults to Kafka on 9092 and the engine on 27017 under .infra', () => {
    const config = parseInfraConfig({});

    expect(config.kafka.brokers).toBe('127.0.0.1:9092');
    expect(config.mongo.url).toBe('mongodb://127.0.0.1:27017/?directConnection=true');
    expect(config.dataDir).toBe(path.join(repoRoot, '.infra'));
    expect(config.mongo.persist).toBe(false);
  });

  it('takes ports, data dir and persistence from the environment', () => {
    const config = parseInfraConfig({
      KAFKA_PORT: '19092',
      MONGO_PORT: '37017',
      INFRA_DATA_DIR: '/tmp/x',
      MONGO_PERSIST: 'true',
    });

    expect(config.kafka.brokers).toBe('127.0.0.1:19092');
    expect(config.mongo.url).toBe('mongodb://127.0.0.1:37017/?directConnection=true');
    expect(config.logDir).toBe('/tmp/x/logs');
    expect(config.mongo.persist).toBe(true);
  });

  it('reads "false" as false', () => {
    expect(parseInfraConfig({ MONGO_PERSIST: 'false' }).mongo.persist).toBe(false);
  });

  it('rejects a port that is not a port, naming the variable', () => {
    expect(() => parseInfraConfig({ KAFKA_PORT: '70000' })).toThrow(/KAFKA_PORT/);
  });
});
