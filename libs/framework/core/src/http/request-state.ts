import type { Response } from 'express';
import type { Actor } from '../auth/actor';
import type { RequestContext } from '../logging/context';

/** What the app's own middleware keeps about one request, on `res.locals`. */
export interface RequestState {
  readonly context: RequestContext;
  /** The matched route template (`/customers/{id}`); the metric label and log field. */
  route?: string;
  /** Whether the matched route takes a bearer token (a 401 then challenges for one). */
  bearer?: boolean;
  /** The caller, once a bearer route authenticated it. */
  actor?: Actor;
  /** The problem code sent, for the access log line. */
  errorCode?: string;
}

/** The state of a request that went through `requestIds` (every request of the app does). */
export const requestState = (res: Response): RequestState => res.locals as RequestState;
