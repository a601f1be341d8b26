import { z } from 'zod';
import type { ApiRoute } from '@cqrs/framework-core';

/** The methods of a command route. */
export type CommandMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A command for a service's own `cmdh`, as `evh` and `extevh` ask for it: the declared route's
 * method and path (parameters filled in) and its body. Built with {@link callOf}.
 */
export interface CommandCall {
  readonly method: CommandMethod;
  /** Path on the `cmdh`, starting with `/`, e.g. `/internal/orders/o-1/payment-failed`. */
  readonly path: string;
  /** Sent as JSON; absent for commands without a body. */
  readonly body?: unknown;
}

/** A route that carries a command: anything but a read. */
export type CommandRoute = ApiRoute & { readonly method: 'post' | 'put' | 'patch' | 'delete' };

/** What a call of `R` takes: its path parameters and its body, typed by its declaration. */
export type CallInput<R extends CommandRoute> = (R['params'] extends z.ZodObject
  ? { readonly params: z.input<R['params']> }
  : { readonly params?: undefined }) &
  (R['body'] extends z.ZodType
    ? { readonly body: z.input<R['body']> }
    : { readonly body?: undefined });

/**
 * The call of a declared command route: path parameters checked against the route's `params`
 * and filled in (URL-encoded), body checked against its `body`.
 *
 * @throws Error naming the route and what does not fit its declaration, so a mapping that builds
 *   a wrong command fails where it is built (an `evh` parks the event as `mapping_failed`).
 */
export function callOf<R extends CommandRoute>(route: R, input: CallInput<R>): CommandCall {
  const at = route.operationId;
  const params = route.params ? checked(at, 'params', route.params, input.params) : {};
  const path = route.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = (params as Record<string, unknown>)[name];
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`${at}: path parameter ${name} is missing`);
    }
    return encodeURIComponent(String(value));
  });
  const method = route.method.toUpperCase() as CommandMethod;
  if (route.body === undefined) return { method, path };
  checked(at, 'body', route.body, input.body);
  return { method, path, body: input.body };
}

function checked(route: string, part: string, schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(
      `${route}: ${part} does not fit its declaration: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}
