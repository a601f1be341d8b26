import { LOCAL_JWT_SECRET, resolveJwtSecret } from './local-jwt-secret';

describe('resolveJwtSecret', () => {
  it('uses the local default when JWT_HS256_SECRET is unset or empty', () => {
    expect(resolveJwtSecret({})).toBe(LOCAL_JWT_SECRET);
    expect(resolveJwtSecret({ JWT_HS256_SECRET: '' })).toBe(LOCAL_JWT_SECRET);
  });

  it('lets JWT_HS256_SECRET override it', () => {
    expect(resolveJwtSecret({ JWT_HS256_SECRET: 'x'.repeat(40) })).toBe('x'.repeat(40));
  });

  it('refuses a secret the apps would refuse', () => {
    expect(() => resolveJwtSecret({ JWT_HS256_SECRET: 'short' })).toThrow(/at least 32/);
  });

  it('has a default the apps accept', () => {
    expect(LOCAL_JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });
});
