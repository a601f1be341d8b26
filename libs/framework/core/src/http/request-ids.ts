import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { runWithContext, type RequestContext } from '../logging/context';

// Ids from outside end up in every log line: accept only short, plain tokens.
const acceptableId = /^[\w.:@-]{1,128}$/;

const incoming = (value: string | string[] | undefined): string | undefined =>
  typeof value === 'string' && acceptableId.test(value) ? value : undefined;

/**
 * First middleware of every app: takes the request id from `x-request-id` (a gateway's) or
 * makes one, the correlation id from `x-correlation-id` or the request id, echoes both, and
 * runs the rest of the request inside that context so every log line carries them.
 */
export const requestIds: RequestHandler = (req, res, next) => {
  const requestId = incoming(req.headers['x-request-id']) ?? randomUUID();
  const correlationId = incoming(req.headers['x-correlation-id']) ?? requestId;
  const context: RequestContext = { requestId, correlationId };
  res.locals.context = context;
  res.setHeader('x-request-id', requestId);
  res.setHeader('x-correlation-id', correlationId);
  runWithContext(context, next);
};
