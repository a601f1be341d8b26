import type { ErrorRequestHandler, Response } from 'express';
import { problemContentType, toProblem, type Problem } from '../errors/problem';
import type { Logger } from '../logging/logger';
import { fromHttpError } from './http-errors';
import { requestState } from './request-state';

/** Writes a problem details response and notes its code for the access log. */
export function sendProblem(res: Response, problem: Problem): void {
  const state = requestState(res);
  state.errorCode = problem.type.slice(problem.type.lastIndexOf('/') + 1);
  // Routes that take no bearer token (signed webhooks) refuse for reasons of their own.
  if (problem.status === 401 && state.bearer !== false) res.setHeader('WWW-Authenticate', 'Bearer');
  res
    .status(problem.status)
    .type(problemContentType)
    // The request id lets a client quote the one log line that explains a failure.
    .send(JSON.stringify({ ...problem, requestId: state.context.requestId }));
}

/**
 * The one error middleware of the app: every error a route raises ends here and leaves as
 * problem details. `translate` first turns a dependency's own errors into AppErrors (a database
 * that is unreachable becomes 503 `unavailable`, which clients retry, rather than 500). Server
 * faults are logged with their stack at error level; client errors only at debug, as the access
 * log line already records their status and code.
 */
export function errorHandler(
  logger: Logger,
  translate: (error: unknown) => unknown = (error) => error,
): ErrorRequestHandler {
  return (rawError: unknown, req, res, next) => {
    const error = translate(fromHttpError(rawError));
    const problem = toProblem(error, req.path);
    if (problem.status >= 500) {
      logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    } else {
      logger.debug({ err: error }, 'request refused');
    }
    if (res.headersSent) {
      // Too late for a problem response; express ends the connection instead.
      next(rawError);
      return;
    }
    sendProblem(res, problem);
  };
}
