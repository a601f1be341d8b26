import { indexOptions, sameIndex } from './index-declaration';
import type { IndexDeclaration } from './index-declaration';

const email: IndexDeclaration = {
  collection: 'customers',
  key: { email: 1 },
  name: 'email_unique',
  unique: true,
};

describe('indexOptions', () => {
  it('passes only what is declared', () => {
    expect(indexOptions(email)).toEqual({ name: 'email_unique', unique: true });
    expect(
      indexOptions({ collection: 'c', key: { at: 1 }, name: 'ttl', expireAfterSeconds: 0 }),
    ).toEqual({ name: 'ttl', expireAfterSeconds: 0 });
  });
});

describe('sameIndex', () => {
  it('matches what the server reports for the declaration', () => {
    expect(sameIndex({ v: 2, key: { email: 1 }, name: 'email_unique', unique: true }, email)).toBe(
      true,
    );
  });

  it('notices a change of uniqueness, key, key order, filter or ttl', () => {
    const reported = { key: { email: 1 }, name: 'email_unique', unique: true };

    expect(sameIndex({ ...reported, unique: false }, email)).toBe(false);
    expect(sameIndex({ ...reported, key: { email: -1 } }, email)).toBe(false);
    expect(
      sameIndex(
        { name: 'pair', key: { b: 1, a: 1 } },
        { collection: 'c', name: 'pair', key: { a: 1, b: 1 } },
      ),
    ).toBe(false);
    expect(
      sameIndex({ ...reported, partialFilterExpression: { email: { $exists: true } } }, email),
    ).toBe(false);
    expect(sameIndex({ ...reported, expireAfterSeconds: 60 }, email)).toBe(false);
  });
});
