import { fuzzEnvironment } from './fuzz-environment';

describe('fuzzEnvironment', () => {
  it('keeps clear of the default ports and data directory', () => {
    // Act
    const environment = fuzzEnvironment({}, '/repo/tmp/fuzz-infra');

    // Assert
    expect(environment).toEqual({
      infra: {
        KAFKA_PORT: '19192',
        KAFKA_CONTROLLER_PORT: '19193',
        MONGO_PORT: '27117',
        INFRA_DATA_DIR: '/repo/tmp/fuzz-infra',
      },
      gatewayPort: 18480,
      basePort: 3600,
    });
  });

  it('takes what the environment names, and refuses what is no port', () => {
    // Act
    const environment = fuzzEnvironment({ MONGO_PORT: '27999', FUZZ_GATEWAY_PORT: '0' }, '/d');

    // Assert
    expect(environment.infra.MONGO_PORT).toBe('27999');
    expect(environment.gatewayPort).toBe(0);
    expect(() => fuzzEnvironment({ KAFKA_PORT: 'x' }, '/d')).toThrow(/KAFKA_PORT/);
  });
});
