import type { Reply } from './test-caller';

/** RFC 9457 problem details as the apps send them. */
export interface ProblemBody {
  readonly type: string;
  readonly status: number;
  readonly detail: string;
  readonly reason?: string;
  readonly errors?: readonly { path: string; message: string }[];
  readonly [extension: string]: unknown;
}

/** The body of a successful answer, as `T`; fails loudly naming `what` on any other answer. */
export function bodyOf<T>(reply: Reply, what: string): T {
  if (reply.status >= 300) {
    throw new Error(`expected ${what}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body as T;
}

/** The problem details of a refused request. */
export function problemOf(reply: Reply): ProblemBody {
  if (reply.status < 400) {
    throw new Error(`expected a problem, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body as ProblemBody;
}

/** `{ status, reason }` of a reply, for one readable assertion on a refusal. */
export const outcomeOf = (reply: Reply) => ({
  status: reply.status,
  reason: (reply.body as { reason?: unknown } | undefined)?.reason,
});

/** The id in a `Location: <collectionPath>/{id}` header, e.g. `idFromLocation(reply, '/orders')`. */
export function idFromLocation(reply: Reply, collectionPath: string): string | undefined {
  const location = reply.headers.get('location') ?? '';
  const prefix = `${collectionPath}/`;
  const id = location.startsWith(prefix) ? location.slice(prefix.length) : '';
  return id === '' || id.includes('/') ? undefined : id;
}
