import { sampleEvent } from '../testing/sample-event';
import { cloudEventContentType, fromKafkaMessage, toKafkaMessage } from './kafka-codec';

describe('toKafkaMessage', () => {
  it('keys by subject, carries the event as JSON and names it in headers', () => {
    const event = sampleEvent('c1', 2);

    const message = toKafkaMessage(event);

    expect(message.key).toBe('c1');
    expect(JSON.parse(message.value)).toEqual(event);
    expect(message.headers).toEqual({
      'content-type': 'application/cloudevents+json; charset=UTF-8',
      ce_id: 'c1:2',
      ce_type: 'customer.changed.v1',
    });
  });
});

describe('fromKafkaMessage', () => {
  it('round-trips an event, from a string or from the bytes a consumer receives', () => {
    const event = { ...sampleEvent('c1', 2), causationid: 'evt-1' };
    const message = toKafkaMessage(event);

    expect(fromKafkaMessage(message)).toEqual({ ok: true, event });
    expect(
      fromKafkaMessage({
        value: Buffer.from(message.value),
        headers: { 'content-type': Buffer.from(cloudEventContentType) },
      }),
    ).toEqual({ ok: true, event });
  });

  it('accepts a message without a content-type header', () => {
    const { value } = toKafkaMessage(sampleEvent('c1', 1));

    expect(fromKafkaMessage({ value }).ok).toBe(true);
  });

  it('reports bad JSON', () => {
    const result = fromKafkaMessage({ value: Buffer.from('{"specversion": "1.0", ') });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.reason).toBe('bad_json');
    expect(!result.ok && result.error.cause).toBeInstanceOf(SyntaxError);
  });

  it('reports missing fields with the paths of the problems', () => {
    const { id: _id, subject: _subject, ...incomplete } = sampleEvent('c1', 1);

    const result = fromKafkaMessage({ value: JSON.stringify(incomplete) });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ name: 'CloudEventDecodeError', reason: 'schema' });
    expect(result.error.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'id',
      'subject',
    ]);
    expect(result.error.message).toMatch(/subject/);
  });

  it('reports an empty message and a foreign content type', () => {
    const empty = fromKafkaMessage({ value: null });
    const binary = fromKafkaMessage({
      value: '{}',
      headers: { 'content-type': 'application/json' },
    });

    expect(!empty.ok && empty.error.reason).toBe('empty');
    expect(!binary.ok && binary.error.reason).toBe('unsupported_content_type');
  });
});
