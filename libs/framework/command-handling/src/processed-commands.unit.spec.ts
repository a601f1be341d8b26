import type { ProcessedCommand } from './stored-event';
import { findProcessedIn, recordProcessed } from './processed-commands';

const entry = (commandId: string, version: number): ProcessedCommand => ({
  commandId,
  fingerprint: `fp-${commandId}`,
  version,
  status: 200,
  body: { version },
});

describe('recordProcessed', () => {
  it('appends the entry without touching the input', () => {
    const list = [entry('a', 1)];

    const result = recordProcessed(list, entry('b', 2));

    expect(result.map((p) => p.commandId)).toEqual(['a', 'b']);
    expect(list).toHaveLength(1);
  });

  it('keeps only the newest entries when the list is full', () => {
    const list = Array.from({ length: 20 }, (_, i) => entry(`c${i}`, i + 1));

    const result = recordProcessed(list, entry('new', 21));

    expect(result).toHaveLength(20);
    expect(result[0]?.commandId).toBe('c1');
    expect(result.at(-1)?.commandId).toBe('new');
  });

  it('honours a custom bound', () => {
    const list = [entry('a', 1), entry('b', 2), entry('c', 3)];

    const result = recordProcessed(list, entry('d', 4), { max: 2 });

    expect(result.map((p) => p.commandId)).toEqual(['c', 'd']);
  });

  it('keeps the response body of the newest entries only; the rest keep id, version and status', () => {
    const list = Array.from({ length: 6 }, (_, i) => entry(`c${i}`, i + 1));

    const result = recordProcessed(list, entry('new', 7), { bodies: 3 });

    expect(result.map((p) => 'body' in p)).toEqual([false, false, false, false, true, true, true]);
    expect(result[0]).toEqual({ commandId: 'c0', fingerprint: 'fp-c0', version: 1, status: 200 });
    expect(result.at(-1)).toEqual(entry('new', 7));
    expect(list.every((p) => 'body' in p)).toBe(true);
  });

  it('replaces an earlier entry with the same command id instead of duplicating it', () => {
    const list = [entry('a', 1), entry('b', 2)];

    const result = recordProcessed(list, entry('a', 3));

    expect(result.map((p) => [p.commandId, p.version])).toEqual([
      ['b', 2],
      ['a', 3],
    ]);
  });

  it('refuses a bound below one', () => {
    expect(() => recordProcessed([], entry('a', 1), { max: 0 })).toThrow(RangeError);
    expect(() => recordProcessed([], entry('a', 1), { bodies: 0 })).toThrow(RangeError);
  });
});

describe('findProcessedIn', () => {
  it('finds a remembered command and nothing for an unknown one', () => {
    const list = [entry('a', 1), entry('b', 2)];

    expect(findProcessedIn(list, 'b')?.version).toBe(2);
    expect(findProcessedIn(list, 'zzz')).toBeUndefined();
  });
});
