import { STATUS_CODES } from 'node:http';
import type { z } from 'zod';
import { AppError, type ErrorCode } from './app-error';

/** The media type of every error response (RFC 9457). */
export const problemContentType = 'application/problem+json';

/** Where the problem types live; the error code is the last path segment. */
export const problemTypeBase = 'https://cqrs.dev/problems/';

/** An RFC 9457 problem details object, with the app error's details as extension members. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly [extension: string]: unknown;
}

/** One invalid field, `path` dotted from the root of what was validated (e.g. `body.name`). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** Flattens zod issues to field errors, prefixing each path with where the value came from. */
export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [...(prefix === undefined ? [] : [prefix]), ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

const reserved = new Set(['type', 'title', 'status', 'detail', 'instance']);

const problemOf = (
  code: ErrorCode,
  status: number,
  detail: string,
  instance: string,
  details: Readonly<Record<string, unknown>> = {},
): Problem => ({
  type: problemTypeBase + code,
  title: STATUS_CODES[status] ?? code,
  status,
  detail,
  instance,
  // Details may add members but never change what the standard ones mean.
  ...Object.fromEntries(Object.entries(details).filter(([key]) => !reserved.has(key))),
});

/**
 * Maps anything thrown to the problem details the client sees. An AppError keeps its code,
 * message and details; anything else is `internal` with a generic detail, because its message
 * or stack may reveal internals. That includes a bare ZodError: request input is validated
 * (and reported as `bad_request`) before a handler runs, so a schema failing later means stored
 * or internal data broke a contract, which is ours to fix, not the client's.
 */
export function toProblem(error: unknown, instance: string): Problem {
  if (error instanceof AppError) {
    return problemOf(error.code, error.status, error.message, instance, error.details);
  }
  return problemOf('internal', 500, 'An unexpected error occurred.', instance);
}
