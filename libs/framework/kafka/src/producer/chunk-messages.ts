import type { CloudEventMessage } from '../cloud-events/kafka-codec';

/** Limits of one produce request. */
export interface ChunkLimits {
  /** Approximate bytes of keys, values and headers per request. */
  readonly maxBytes: number;
  readonly maxMessages: number;
}

/**
 * Brokers refuse a record batch above `message.max.bytes` (1 MiB by default), and kafkajs puts
 * everything one `send` holds for a partition into one batch. 900 kB leaves room for framing.
 */
export const defaultChunkLimits: ChunkLimits = { maxBytes: 900_000, maxMessages: 1_000 };

const sizeOf = (message: CloudEventMessage): number =>
  Buffer.byteLength(message.key) +
  Buffer.byteLength(message.value) +
  Object.entries(message.headers).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
    0,
  );

/**
 * Splits `messages` into consecutive chunks within `limits`, keeping their order; sending the
 * chunks one after another therefore keeps per-key order. A single message larger than
 * `maxBytes` gets a chunk of its own (the broker decides whether it fits).
 */
export function chunkMessages(
  messages: readonly CloudEventMessage[],
  limits: ChunkLimits = defaultChunkLimits,
): CloudEventMessage[][] {
  const chunks: CloudEventMessage[][] = [];
  let current: CloudEventMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = sizeOf(message);
    if (
      current.length > 0 &&
      (bytes + size > limits.maxBytes || current.length >= limits.maxMessages)
    ) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
