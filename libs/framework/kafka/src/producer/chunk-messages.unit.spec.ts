import type { CloudEventMessage } from '../cloud-events/kafka-codec';
import { chunkMessages } from './chunk-messages';

const message = (key: string, valueBytes: number): CloudEventMessage => ({
  key,
  value: 'x'.repeat(valueBytes),
  headers: { 'content-type': 'c', ce_id: key, ce_type: 't' },
});

describe('chunkMessages', () => {
  it('keeps everything in one chunk when it fits', () => {
    const messages = [message('a', 10), message('b', 10)];

    expect(chunkMessages(messages, { maxBytes: 1_000, maxMessages: 10 })).toEqual([messages]);
  });

  it('splits by count and by size, preserving order', () => {
    const messages = Array.from({ length: 7 }, (_, i) => message(`k${i}`, 100));

    const byCount = chunkMessages(messages, { maxBytes: 1_000_000, maxMessages: 3 });
    const bySize = chunkMessages(messages, { maxBytes: 300, maxMessages: 100 });

    expect(byCount.map((c) => c.length)).toEqual([3, 3, 1]);
    expect(bySize.map((c) => c.length)).toEqual([2, 2, 2, 1]);
    expect(bySize.flat()).toEqual(messages);
  });

  it('gives an oversized message a chunk of its own', () => {
    const messages = [message('a', 10), message('big', 5_000), message('b', 10)];

    const chunks = chunkMessages(messages, { maxBytes: 1_000, maxMessages: 10 });

    expect(chunks.map((c) => c.map((m) => m.key))).toEqual([['a'], ['big'], ['b']]);
  });

  it('gives no chunk for no messages', () => {
    expect(chunkMessages([])).toEqual([]);
  });
});
