export {
  ensureTopics,
  type EnsureTopicsOptions,
  type TopicDeclaration,
} from './admin/ensure-topics';
export { createKafka, type CreateKafkaOptions } from './client/create-kafka';
export { kafkaLogLevelFor, pinoLogCreator } from './client/pino-log-creator';
export {
  cloudEventSchema,
  formatSequence,
  parseSequence,
  type CloudEvent,
} from './cloud-events/cloud-event';
export {
  CloudEventDecodeError,
  cloudEventContentType,
  fromKafkaMessage,
  toKafkaMessage,
  type CloudEventMessage,
  type DecodeFailureReason,
  type DecodeResult,
  type IncomingMessage,
} from './cloud-events/kafka-codec';
export { defaultChunkLimits, type ChunkLimits } from './producer/chunk-messages';
export {
  createEventProducer,
  type EventProducer,
  type EventProducerOptions,
} from './producer/event-producer';
export {
  connectServiceProducer,
  createServiceKafka,
  kafkaConfigShape,
  type KafkaConfig,
} from './service/service-kafka';
