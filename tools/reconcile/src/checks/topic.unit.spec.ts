import type { TopicEvent } from './topic';
import { checkTopic, eventIdOf } from './topic';

const event = (subject: string, version: number): TopicEvent => ({
  id: eventIdOf(subject, version),
  type: 'customer.registered.v1',
  subject,
  time: '2026-12-04T10:00:00.000Z',
});

describe('checkTopic', () => {
  it('finds nothing when every version has its event, and counts extra copies as duplicates', () => {
    // Arrange
    const events = [event('c1', 1), event('c1', 2), event('c1', 2), event('c2', 1)];

    // Act
    const result = checkTopic(
      'customers',
      't',
      [
        { _id: 'c1', version: 2 },
        { _id: 'c2', version: 1 },
      ],
      events,
    );

    // Assert
    expect(result).toEqual({
      expected: 3,
      published: 3,
      duplicated: 1,
      lost: 0,
      unknown: 0,
      drifts: [],
    });
  });

  it('names the aggregate and the versions missing from the topic', () => {
    // Act
    const result = checkTopic(
      'customers',
      'customers.events.v1',
      [{ _id: 'c1', version: 6 }],
      [event('c1', 1), event('c1', 4), event('c1', 6)],
    );

    // Assert
    expect(result.lost).toBe(3);
    expect(result.drifts).toEqual([
      {
        service: 'customers',
        check: 'topic',
        id: 'c1',
        detail: 'version(s) 2-3, 5 of 6 not on customers.events.v1',
      },
    ]);
  });

  it('reports events of versions the write model does not have', () => {
    // Act
    const result = checkTopic(
      'orders',
      't',
      [{ _id: 'o1', version: 1 }],
      [event('o1', 1), event('o1', 2), event('gone', 1)],
    );

    // Assert
    expect(result.unknown).toBe(2);
    expect(result.drifts.map((d) => d.id).sort()).toEqual(['gone', 'o1']);
  });
});
