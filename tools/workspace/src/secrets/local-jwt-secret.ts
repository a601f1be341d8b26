/**
 * The HS256 secret of local runs when `JWT_HS256_SECRET` is not set. It is in the source code on
 * purpose: tokens signed with it are worthless anywhere but on a developer's machine, and no
 * deployment may accept it (production verifies against the identity provider's key set).
 */
export const LOCAL_JWT_SECRET = 'local-dev-only-hs256-secret-never-use-in-production';

/** The apps' own minimum (`JWT_HS256_SECRET` in the framework's base config). */
const minimumLength = 32;

/**
 * The secret local apps verify tokens with and `npm run token` signs with: `JWT_HS256_SECRET`
 * from the environment when set, `LOCAL_JWT_SECRET` otherwise.
 *
 * @throws Error when the configured secret is too short for the apps to accept.
 */
export function resolveJwtSecret(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.JWT_HS256_SECRET;
  if (configured === undefined || configured === '') return LOCAL_JWT_SECRET;
  if (configured.length < minimumLength) {
    throw new Error(`JWT_HS256_SECRET must be at least ${minimumLength} characters long`);
  }
  return configured;
}
