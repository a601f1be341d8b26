import express, { type RequestHandler } from 'express';
import type { Authenticator } from '../auth/authenticator';
import { AppError } from '../errors/app-error';
import { requestState } from './request-state';

/**
 * Checks the bearer token and, when the route names roles, that the caller has one of them.
 * Runs before the body is read, so unauthenticated callers cannot make the app parse it.
 */
export function authenticate(
  authenticator: Authenticator,
  roles: readonly string[] | undefined,
): RequestHandler {
  return async (req, res, next) => {
    const actor = await authenticator(req.headers.authorization);
    if (roles !== undefined && roles.length > 0 && !roles.some((r) => actor.roles.includes(r))) {
      throw new AppError('forbidden', 'The caller may not perform this operation.');
    }
    requestState(res).actor = actor;
    next();
  };
}

const jsonTypes = ['application/json', 'application/*+json'];

// `Content-Length: 0` is what clients send for an empty POST; the schema then reports it.
const hasBody = (headers: Record<string, string | string[] | undefined>): boolean =>
  headers['transfer-encoding'] !== undefined ||
  (headers['content-length'] !== undefined && headers['content-length'] !== '0');

/** Refuses a body that is not JSON (415) on routes that declare a body schema. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (hasBody(req.headers) && req.is(jsonTypes) === false) {
    throw new AppError('unsupported_media_type', 'The request body must be JSON.');
  }
  next();
};

/**
 * Reads a JSON body of at most `limit`; too large gives 413, malformed JSON 400. (raw-body binds
 * its callback to the request's async context, so the ids stay on the logs after it.)
 */
export const jsonBody = (limit: string | number): RequestHandler =>
  express.json({ limit, type: jsonTypes });

/** Reads a JSON body of at most `limit` as bytes, unparsed (a Buffer in `req.body`). */
export const rawJsonBody = (limit: string | number): RequestHandler =>
  express.raw({ limit, type: jsonTypes });
