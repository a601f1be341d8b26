import type { Request } from 'express';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import { fieldErrors, type FieldError } from '../errors/problem';
import type { ApiRoute } from './route';

/** The request parts after the route's schemas parsed them; `undefined` where it has none. */
export interface ValidatedParts {
  readonly params: unknown;
  readonly query: unknown;
  readonly headers: unknown;
  readonly body: unknown;
}

/**
 * Parses params, query, headers and body with the route's schemas, as they are: whether unknown
 * keys are stripped or refused is the route's decision. All invalid fields are reported at
 * once, each path prefixed with its part (`body.name`, `query.limit`).
 *
 * @throws AppError `bad_request` with `errors: [{ path, message }]`.
 */
export function validateRequest(route: ApiRoute, req: Request): ValidatedParts {
  const errors: FieldError[] = [];
  const parse = (schema: z.ZodType | undefined, value: unknown, part: string): unknown => {
    if (schema === undefined) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    errors.push(...fieldErrors(result.error, part));
    return undefined;
  };
  const parts: ValidatedParts = {
    params: parse(route.params, req.params, 'params'),
    query: parse(route.query, req.query, 'query'),
    headers: parse(route.headers, req.headers, 'headers'),
    // A raw body is the handler's to check (e.g. a signature) before anything reads it.
    body: route.rawBody === true ? undefined : parse(route.body, req.body, 'body'),
  };
  if (errors.length > 0) {
    throw new AppError('bad_request', 'The request is invalid.', { details: { errors } });
  }
  return parts;
}
