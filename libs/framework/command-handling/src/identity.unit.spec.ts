import { deriveId, fingerprintOf } from './identity';

describe('deriveId', () => {
  it('is stable, namespaced and shaped like a version 5 UUID', () => {
    const id = deriveId('customers', 'key-1');

    expect(id).toBe(deriveId('customers', 'key-1'));
    expect(id).not.toBe(deriveId('orders', 'key-1'));
    expect(id).not.toBe(deriveId('customers', 'key-2'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('fingerprintOf', () => {
  it('ignores key order and undefined members but not values', () => {
    expect(fingerprintOf({ a: 1, b: { c: [1, 2], d: undefined } })).toBe(
      fingerprintOf({ b: { c: [1, 2] }, a: 1 }),
    );
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
    expect(fingerprintOf({ a: [1, 2] })).not.toBe(fingerprintOf({ a: [2, 1] }));
  });
});
