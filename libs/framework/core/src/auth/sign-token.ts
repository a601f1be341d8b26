import { SignJWT } from 'jose';

export interface SignTokenOptions {
  readonly sub: string;
  readonly roles?: readonly string[];
  /** The HS256 secret the verifying apps share (`JWT_HS256_SECRET`). */
  readonly secret: string;
  /** Lifetime: a span such as `15m` / `1h`, or seconds from now (negative for an expired one). */
  readonly expiresIn: string | number;
  readonly issuer?: string;
  readonly audience?: string;
}

/**
 * Signs an HS256 token for local runs, scripts and tests. Production tokens come from the
 * identity provider and are verified against its key set instead.
 */
export async function signToken(options: SignTokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ roles: [...(options.roles ?? [])] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuedAt(now)
    .setExpirationTime(
      typeof options.expiresIn === 'number' ? now + options.expiresIn : options.expiresIn,
    );
  if (options.issuer !== undefined) jwt = jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
