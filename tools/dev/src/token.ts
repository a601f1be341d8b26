import { signToken } from '@cqrs/framework-core';
import { resolveJwtSecret } from '@cqrs/tools-workspace';
import { parseTokenRequest, TokenUsageRequested } from './token/token-request';

/**
 * `npm run token -- --sub alice --roles risk,operator [--ttl 1h]`: prints an HS256 JWT that the
 * locally running apps accept (signed with `JWT_HS256_SECRET`, or the local default), and
 * nothing else on stdout, so `TOKEN=$(npm run -s token -- --sub alice)` works.
 */
async function main(argv: readonly string[]): Promise<void> {
  const request = parseTokenRequest(argv);
  const token = await signToken({
    sub: request.sub,
    roles: request.roles,
    secret: resolveJwtSecret(),
    expiresIn: request.ttl,
  });
  process.stdout.write(`${token}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof TokenUsageRequested) {
    console.log(error.message);
    return;
  }
  console.error(`token: ${error instanceof Error ? error.message : String(error)}`);
  console.error("run 'npm run token -- --help' for usage");
  process.exitCode = 2;
});
