import type { z } from 'zod';
import type { Actor } from '../auth/actor';
import type { Logger } from '../logging/logger';
import type { ApiRoute } from './route';

/** The parsed value of one schema member of a route; `undefined` when the route has none. */
type Parsed<R, K extends PropertyKey> = K extends keyof R
  ? NonNullable<R[K]> extends z.ZodType
    ? z.output<NonNullable<R[K]>> | (undefined extends R[K] ? undefined : never)
    : undefined
  : undefined;

/** What a handler gets: the request parts already validated by the route's schemas. */
export interface RouteRequest<R extends ApiRoute> {
  readonly params: Parsed<R, 'params'>;
  readonly query: Parsed<R, 'query'>;
  readonly headers: Parsed<R, 'headers'>;
  readonly body: R extends { readonly rawBody: true } ? undefined : Parsed<R, 'body'>;
  /** The body's bytes as received, on `rawBody` routes only (empty when there was none). */
  readonly rawBody: R extends { readonly rawBody: true } ? Buffer : undefined;
  /** The authenticated caller; bearer routes always have one, `none` routes never. */
  readonly actor: R['auth'] extends 'bearer'
    ? Actor
    : R['auth'] extends 'none'
      ? undefined
      : Actor | undefined;
  readonly requestId: string;
  readonly correlationId: string;
  /** A child of the app logger for this route; request ids are added to each line. */
  readonly log: Logger;
}

/**
 * Read-only all the way down. Response bodies are only serialised, so handlers may return
 * readonly arrays and `as const` data; and the handler's result is inferred as `const` (to keep
 * its literal status), which would otherwise make every array in it unassignable.
 */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends Date
    ? T
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** The body a declared response takes: its schema's input (what gets serialised), if any. */
type ResponseBody<T> = T extends { readonly body: infer S extends z.ZodType }
  ? { readonly body: DeepReadonly<z.input<S>> }
  : 'body' extends keyof T
    ? { readonly body?: unknown }
    : { readonly body?: undefined };

/**
 * What a handler returns: one of the route's declared statuses with a body of that response's
 * schema, plus response headers (e.g. `ETag`). Errors are thrown as AppError, not returned.
 */
export type RouteResult<R extends ApiRoute> = {
  [S in keyof R['responses'] & number]: {
    readonly status: S;
    readonly headers?: Readonly<Record<string, string>>;
  } & ResponseBody<R['responses'][S]>;
}[keyof R['responses'] & number];

/** The function an app writes for one route; thin: map the request, call one use case. */
export type RouteHandler<R extends ApiRoute> = (
  request: RouteRequest<R>,
) => Promise<RouteResult<R>>;

/** A route declaration together with the handler that serves it, ready for `createHttpApp`. */
export interface BoundRoute {
  readonly route: ApiRoute;
  readonly handler: (request: RouteRequest<ApiRoute>) => Promise<RouteResult<ApiRoute>>;
}

/**
 * Pairs a declared route with its handler, checking the handler's request and result types
 * against the declaration. `T` only exists so that a handler's `status: 201` stays a literal
 * (inferred `const`) instead of widening to `number`, which no declared status would accept.
 */
export function bindRoute<const R extends ApiRoute, const T extends RouteResult<R>>(
  route: R,
  handler: (request: RouteRequest<R>) => Promise<T>,
): BoundRoute {
  // The app validates every part with the route's own schemas before calling the handler, so
  // the request it passes has exactly the shape the handler was typed with.
  return { route, handler: handler as unknown as BoundRoute['handler'] };
}
