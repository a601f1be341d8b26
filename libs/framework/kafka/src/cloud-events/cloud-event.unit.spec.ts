import { cloudEventSchema, formatSequence, parseSequence } from './cloud-event';
import { sampleEvent } from '../testing/sample-event';

describe('cloudEventSchema', () => {
  it('accepts an event with and without the optional extensions', () => {
    const event = sampleEvent('c1', 3);
    const { correlationid: _c, ...without } = event;

    expect(cloudEventSchema.parse(event)).toEqual(event);
    expect(cloudEventSchema.parse({ ...event, causationid: 'evt-9' }).causationid).toBe('evt-9');
    expect(cloudEventSchema.safeParse(without).success).toBe(true);
  });

  it.each([
    ['another spec version', { specversion: '0.3' }],
    ['a time without offset', { time: '2025-01-01T00:00:00' }],
    ['a time that is not RFC 3339', { time: 'yesterday' }],
    ['another data content type', { datacontenttype: 'text/plain' }],
    ['data that is not an object', { data: 'text' }],
    ['an unpadded sequence', { sequence: '7' }],
    ['an empty subject', { subject: '' }],
  ])('refuses %s', (_what, change) => {
    expect(cloudEventSchema.safeParse({ ...sampleEvent('c1', 1), ...change }).success).toBe(false);
  });

  it('accepts a time with a numeric offset', () => {
    const event = { ...sampleEvent('c1', 1), time: '2025-01-01T01:00:00+01:00' };

    expect(cloudEventSchema.safeParse(event).success).toBe(true);
  });
});

describe('formatSequence', () => {
  it('pads versions so they sort as strings the way they sort as numbers', () => {
    const versions = [1, 9, 10, 100, 99];

    const sorted = versions.map(formatSequence).sort();

    expect(sorted.map(parseSequence)).toEqual([1, 9, 10, 99, 100]);
    expect(formatSequence(7)).toBe('0000000000000007');
  });

  it('refuses what is not a non-negative safe integer', () => {
    expect(() => formatSequence(-1)).toThrow(RangeError);
    expect(() => formatSequence(1.5)).toThrow(RangeError);
  });
});
