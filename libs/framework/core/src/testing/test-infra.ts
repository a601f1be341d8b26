// Jest global setup points these at the running engine and broker (or at external ones).

/** The MongoDB (or the embedded engine) every test uses. */
export const testMongoUrl =
  process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';

/** The Kafka brokers every test uses, comma-separated as `KAFKA_BROKERS` takes them. */
export const testKafkaBrokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
