import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { Discard } from '@cqrs/framework-jobs';

/** A consumed Kafka message as `evh` keeps it: enough to run the pipeline again later. */
export interface RawMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** In order; a list rather than an object, since header names may contain `.` or `$`. */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  /** The value as UTF-8 text; `null` for a message without one. */
  readonly value: string | null;
}

/** Why an event was parked. */
export type ParkReasonCode =
  /** Not a CloudEvent of ours (see `DecodeFailureReason`). */
  | 'empty'
  | 'unsupported_content_type'
  | 'bad_json'
  | 'schema'
  /** A CloudEvent whose `data` does not match its type's schema. */
  | 'invalid_data'
  /** The route's mapping threw or produced commands that cannot be sent. */
  | 'mapping_failed'
  /** `cmdh` refused a command (4xx): business or contract, a retry cannot change it. */
  | 'refused'
  /** `cmdh` stayed unreachable or failing for the whole retry budget. */
  | 'retries_exhausted';

/** Every park reason code, e.g. for metrics that report each one. */
export const parkReasonCodes = [
  'empty',
  'unsupported_content_type',
  'bad_json',
  'schema',
  'invalid_data',
  'mapping_failed',
  'refused',
  'retries_exhausted',
] as const satisfies readonly ParkReasonCode[];

export interface ParkReason {
  readonly code: ParkReasonCode;
  readonly message: string;
  /** HTTP status of the last answer, when there was one. */
  readonly status?: number;
  /** The `reason` of `cmdh`'s problem details, e.g. `customer_not_active`. */
  readonly problemReason?: string;
  /** The command that failed, e.g. `POST /internal/orders/o-1/hold`. */
  readonly command?: string;
}

/** parked: waiting for an operator; replayed: handled by a replay; discarded: given up on. */
export type ParkedStatus = 'parked' | 'replayed' | 'discarded';

/** A parked event in MongoDB; one document per event id, however often it was parked. */
export interface ParkedEvent extends RawMessage {
  /** The event id, or `<topic>:<partition>:<offset>` for a message that is no CloudEvent. */
  readonly _id: string;
  /** The CloudEvent type, when the message could be decoded. */
  readonly type?: string;
  readonly reason: ParkReason;
  /** Commands sent for this event so far (retries, redeliveries and replays included). */
  readonly attempts: number;
  /** When it was last parked. */
  readonly parkedAt: Date;
  readonly status: ParkedStatus;
  readonly replayedAt?: Date;
  /** Who gave up on it, why and when: kept, never deleted. */
  readonly discarded?: Discard;
}

/** The id a message is parked under when it cannot be decoded into an event. */
export const undecodableId = (message: Pick<RawMessage, 'topic' | 'partition' | 'offset'>) =>
  `${message.topic}:${message.partition}:${message.offset}`;

/** The parts of a kafkajs message `evh` keeps, as text. */
export function rawMessageOf(topic: string, partition: number, message: KafkaMessage): RawMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString('utf8'),
    headers: headerList(message.headers),
    value: message.value === null ? null : message.value.toString('utf8'),
  };
}

/** The headers of a raw message in the shape the CloudEvents codec reads. */
export function headersOf(message: RawMessage): IHeaders {
  // A Map, not an object: a header named `__proto__` must stay a header.
  const headers = new Map<string, string[]>();
  for (const { name, value } of message.headers) {
    headers.set(name, [...(headers.get(name) ?? []), value]);
  }
  return Object.fromEntries(
    [...headers].map(([name, values]) => [name, values.length === 1 ? values[0] : values]),
  );
}

function headerList(headers: IHeaders | undefined): RawMessage['headers'] {
  return Object.entries(headers ?? {}).flatMap(([name, value]) =>
    value === undefined
      ? []
      : (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v.toString() })),
  );
}
