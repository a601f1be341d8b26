import { parseArgs } from 'node:util';

/** What `npm run token` is asked to sign. */
export interface TokenRequest {
  readonly sub: string;
  readonly roles: readonly string[];
  /** Lifetime as jose reads it, e.g. `15m`, `1h`, `7d`. */
  readonly ttl: string;
}

/** The usage text of `npm run token`. */
export const tokenUsage = `usage: npm run token -- --sub <subject> [--roles a,b] [--ttl 1h]

Prints an HS256 JWT for the local system, signed with JWT_HS256_SECRET (or the local default).
  --sub    the caller (the token's subject), e.g. alice
  --roles  comma-separated roles, e.g. risk,operator (default: none)
  --ttl    lifetime: a number and s, m, h, d or w, e.g. 90s, 15m, 1h, 7d (default 1h)

Example: TOKEN=$(npm run -s token -- --sub alice --roles operator)`;

const ttlPattern = /^\d+\s*(s|sec|secs|m|min|mins|h|hr|hrs|d|day|days|w|week|weeks)$/i;

/** `--help` was asked for. */
export class TokenUsageRequested extends Error {
  override readonly name = 'TokenUsageRequested';
}

/**
 * Reads `npm run token`'s arguments.
 *
 * @throws TokenUsageRequested for `--help`; Error with a message fit to print for bad arguments.
 */
export function parseTokenRequest(argv: readonly string[]): TokenRequest {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      sub: { type: 'string' },
      roles: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) throw new TokenUsageRequested(tokenUsage);
  if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}`);
  const sub = values.sub?.trim();
  if (!sub) throw new Error('--sub is required');
  const ttl = (values.ttl ?? '1h').trim();
  if (!ttlPattern.test(ttl))
    throw new Error(`--ttl ${JSON.stringify(ttl)} is not a lifetime such as 15m, 1h or 7d`);
  const roles = (values.roles ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  return { sub, roles: [...new Set(roles)], ttl };
}
