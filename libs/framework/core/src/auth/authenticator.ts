import { createSecretKey } from 'node:crypto';
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyOptions,
} from 'jose';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { Actor } from './actor';

export interface AuthenticatorOptions {
  /** Shared HS256 secret (local runs, tests). Exactly one of this and `jwksUrl`. */
  readonly hs256Secret?: string;
  /** The identity provider's key set, for RS256/ES256 tokens (production). */
  readonly jwksUrl?: string;
  /** When set, the token's `iss` must equal it. */
  readonly issuer?: string;
  /** When set, the token's `aud` must contain it. */
  readonly audience?: string;
}

/** Turns the `Authorization` header into the caller, or throws AppError `unauthenticated`. */
export type Authenticator = (authorizationHeader: string | undefined) => Promise<Actor>;

const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.string()).default([]),
});

// Small skew between our clock and the issuer's must not reject fresh tokens.
const clockTolerance = 5;

/**
 * Builds the bearer-token check used at the edge of every app. Algorithms are pinned to the key
 * kind (HS256 for a secret, asymmetric for a key set) so a token cannot choose a weaker one.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { hs256Secret, jwksUrl, issuer, audience } = options;
  if ((hs256Secret === undefined) === (jwksUrl === undefined)) {
    throw new Error('createAuthenticator: give exactly one of hs256Secret and jwksUrl');
  }
  const verifyOptions: JWTVerifyOptions = {
    algorithms: hs256Secret === undefined ? ['RS256', 'ES256'] : ['HS256'],
    clockTolerance,
    requiredClaims: ['sub', 'exp'],
    ...(issuer === undefined ? {} : { issuer }),
    ...(audience === undefined ? {} : { audience }),
  };
  const verify = verifier(hs256Secret, jwksUrl, verifyOptions);
  return async (authorizationHeader) => {
    const token = bearerToken(authorizationHeader);
    try {
      const { payload } = await verify(token);
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw new AppError('unauthenticated', 'The token has invalid claims.');
      return { sub: claims.data.sub, roles: claims.data.roles };
    } catch (error) {
      throw asAuthError(error);
    }
  };
}

type Verify = (token: string) => Promise<{ payload: JWTPayload }>;

function verifier(
  hs256Secret: string | undefined,
  jwksUrl: string | undefined,
  verifyOptions: JWTVerifyOptions,
): Verify {
  if (hs256Secret !== undefined) {
    // A KeyObject made once: given bytes, jose would make one on every verify.
    const secret = createSecretKey(Buffer.from(hs256Secret, 'utf8'));
    return (token) => jwtVerify(token, secret, verifyOptions);
  }
  // One key set per authenticator: jose caches the fetched keys and refetches on an unknown kid.
  const keys = createRemoteJWKSet(new URL(jwksUrl ?? ''));
  return (token) => jwtVerify(token, keys, verifyOptions);
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header ?? '');
  if (match?.[1] === undefined) {
    throw new AppError('unauthenticated', 'A bearer token is required.');
  }
  return match[1];
}

function asAuthError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof errors.JWTExpired) {
    return new AppError('unauthenticated', 'The token has expired.', { cause: error });
  }
  // The key set could not be fetched: our problem, not the caller's, so they may retry.
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
    return new AppError('unavailable', 'Tokens cannot be verified right now.', { cause: error });
  }
  return new AppError('unauthenticated', 'The token is invalid.', { cause: error });
}
