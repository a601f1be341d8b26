import { signToken } from '../auth/sign-token';

/** The HS256 secret test apps are configured with (`JWT_HS256_SECRET`); never used elsewhere. */
export const TEST_JWT_SECRET = 'test-only-hs256-secret-0123456789abcdef';

/** A bearer token, valid for five minutes, that an app using `TEST_JWT_SECRET` accepts. */
export function testToken(claims: { sub: string; roles?: readonly string[] }): Promise<string> {
  return signToken({ ...claims, secret: TEST_JWT_SECRET, expiresIn: '5m' });
}
