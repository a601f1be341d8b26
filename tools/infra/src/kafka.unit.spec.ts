import { newClusterId } from './kafka';

describe('newClusterId', () => {
  it('never starts with "-", which the storage tool would take for an option', () => {
    // About 1 in 64 base64url ids starts with "-": 10,000 draws would show it ~150 times.
    const ids = Array.from({ length: 10_000 }, newClusterId);
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    expect(new Set(ids.map((id) => id.length))).toEqual(new Set([22]));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
