import { AsyncLocalStorage } from 'node:async_hooks';

/** The ids that tie together everything done on behalf of one request or message. */
export interface RequestContext {
  /** This hop: one HTTP request or one consumed message. */
  readonly requestId: string;
  /** The whole flow across services; the first hop's request id when nobody set one. */
  readonly correlationId: string;
  /** The event or command that caused this work, when there is one. */
  readonly causationId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Runs `fn` with `context` as the current context, for it and everything it awaits. The logger
 * adds these ids to every line, and outgoing calls can forward them, without threading them
 * through every function signature.
 */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request or message being handled, or `undefined` outside one. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
