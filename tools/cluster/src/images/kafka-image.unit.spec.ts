import { kafkaVersion } from './kafka-image';

describe('kafkaVersion', () => {
  it("is tools/infra's pinned Kafka", () => {
    expect(kafkaVersion()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(kafkaVersion('<properties><kafka.version>3.9.2</kafka.version></properties>')).toBe(
      '3.9.2',
    );
  });

  it('fails on a POM without it', () => {
    expect(() => kafkaVersion('<project/>')).toThrow('no <kafka.version>');
  });
});
