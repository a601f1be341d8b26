import type { IHeaders } from 'kafkajs';
import { z } from 'zod';
import type { CloudEvent } from './cloud-event';
import { cloudEventSchema } from './cloud-event';

/** The content type of a structured-mode CloudEvent in JSON. */
export const cloudEventContentType = 'application/cloudevents+json; charset=UTF-8';

/** A CloudEvent as a Kafka message: keyed by subject, structured-mode JSON value. */
export interface CloudEventMessage {
  key: string;
  value: string;
  headers: {
    'content-type': string;
    ce_id: string;
    ce_type: string;
    traceparent?: string;
    tracestate?: string;
  };
}

/**
 * Encodes `event` in structured mode. `ce_id` and `ce_type` are copied into headers so tools
 * and consumers can route or skip a message without parsing its value; so are `traceparent` and
 * `tracestate`, where Kafka instrumentations look for them.
 */
export function toKafkaMessage(event: CloudEvent): CloudEventMessage {
  return {
    key: event.subject,
    value: JSON.stringify(event),
    headers: {
      'content-type': cloudEventContentType,
      ce_id: event.id,
      ce_type: event.type,
      ...(event.traceparent === undefined ? {} : { traceparent: event.traceparent }),
      ...(event.tracestate === undefined ? {} : { tracestate: event.tracestate }),
    },
  };
}

/** Why a message is not a CloudEvent of ours; consumers park such messages with it. */
export type DecodeFailureReason = 'empty' | 'unsupported_content_type' | 'bad_json' | 'schema';

/** A message that cannot be decoded, with the reason and, for `schema`, zod's issues. */
export class CloudEventDecodeError extends Error {
  override readonly name = 'CloudEventDecodeError';

  constructor(
    readonly reason: DecodeFailureReason,
    message: string,
    readonly issues: readonly z.core.$ZodIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type DecodeResult =
  | { readonly ok: true; readonly event: CloudEvent }
  | { readonly ok: false; readonly error: CloudEventDecodeError };

/** What {@link fromKafkaMessage} reads: a kafkajs `KafkaMessage` or anything shaped like it. */
export interface IncomingMessage {
  readonly value: Buffer | string | null;
  readonly headers?: IHeaders;
}

const fail = (...args: ConstructorParameters<typeof CloudEventDecodeError>): DecodeResult => ({
  ok: false,
  error: new CloudEventDecodeError(...args),
});

/**
 * Decodes and validates a structured-mode CloudEvent. Never throws: an undecodable message is
 * a result, so a consumer can park it and move on instead of blocking its partition.
 */
export function fromKafkaMessage(message: IncomingMessage): DecodeResult {
  const contentType = headerText(message.headers?.['content-type']);
  if (contentType !== undefined && !contentType.startsWith('application/cloudevents+json')) {
    return fail('unsupported_content_type', `content type ${contentType} is not structured JSON`);
  }
  const text = message.value === null ? '' : message.value.toString();
  if (text.length === 0) return fail('empty', 'message has no value');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('bad_json', 'message value is not JSON', [], { cause: error });
  }
  const parsed = cloudEventSchema.safeParse(json);
  if (!parsed.success) {
    const why = z.prettifyError(parsed.error);
    return fail('schema', `not a valid CloudEvent: ${why}`, parsed.error.issues);
  }
  return { ok: true, event: parsed.data };
}

function headerText(header: IHeaders[string]): string | undefined {
  const first = Array.isArray(header) ? header[0] : header;
  return first === undefined ? undefined : first.toString().toLowerCase();
}
