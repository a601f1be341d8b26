import http from 'node:http';
import https from 'node:https';
import { context, propagation } from '@opentelemetry/api';
import type { Logger } from '@cqrs/framework-core';
import type { CommandAnswer } from './command-answer';
import type { CommandCall } from './command-call';
import { classifyAnswer } from './command-answer';

/** One command call as it goes on the wire, with the headers that make it safe to retry. */
export interface OutgoingCommand extends CommandCall {
  readonly idempotencyKey: string;
  /** Sent as `x-correlation-id`: ties the command to the flow the event belongs to. */
  readonly correlationId: string;
  /** Sent as `x-request-id`: the event id, so `cmdh` records the event as the command's cause. */
  readonly requestId: string;
}

export interface CommandClientOptions {
  /** The `cmdh` base URL, e.g. `http://orders-cmdh:8080`; a path prefix is kept. */
  readonly baseUrl: string;
  /** The service token, asked for on every request so it can be renewed before it expires. */
  readonly token: () => string | Promise<string>;
  /** Longest a request may take, answer body included; default 10 s. */
  readonly timeoutMs?: number;
  /** Open connections kept to the target; default 16. */
  readonly maxSockets?: number;
  readonly logger: Logger;
}

/** Sends commands to a `cmdh`; never throws, every failure is a {@link CommandAnswer}. */
export interface CommandClient {
  /** `signal` cancels the request (shutdown); the answer is then `transient`. */
  send(command: OutgoingCommand, signal?: AbortSignal): Promise<CommandAnswer>;
  /** Closes the kept-alive connections. */
  close(): void;
}

// Enough for any problem details; the rest of a bigger body is read and dropped.
const maxBodyBytes = 64 * 1024;

/**
 * An HTTP client for the service's own `cmdh`: JSON commands with the service token, the
 * Idempotency-Key and the ids that tie them to the event (and the W3C trace context when
 * tracing is on), over kept-alive connections, each request bounded by `timeoutMs`.
 */
export function createCommandClient(options: CommandClientOptions): CommandClient {
  const base = new URL(options.baseUrl);
  const secure = base.protocol === 'https:';
  const prefix = base.pathname.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16 };
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const logger = options.logger.child({ module: 'command-client' });

  async function send(command: OutgoingCommand, signal?: AbortSignal): Promise<CommandAnswer> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const abort = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let token: string;
    try {
      token = await options.token();
    } catch (error) {
      logger.error({ err: error }, 'no service token');
      return { outcome: 'transient', detail: 'no service token available' };
    }
    const payload = command.body === undefined ? '' : JSON.stringify(command.body);
    const headers: http.OutgoingHttpHeaders = {
      accept: 'application/json, application/problem+json',
      authorization: `Bearer ${token}`,
      'idempotency-key': command.idempotencyKey,
      'x-correlation-id': command.correlationId,
      'x-request-id': command.requestId,
      'content-length': Buffer.byteLength(payload),
      ...(command.body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    // `traceparent` of the span handling the event, so the command joins its trace (the http
    // instrumentation, when loaded, replaces it with its client span's, a child of that span).
    propagation.inject(context.active(), headers);
    const started = performance.now();
    const answer = await exchange(
      {
        protocol: base.protocol,
        hostname: base.hostname.replace(/^\[|\]$/g, ''),
        port: base.port,
        path: prefix + command.path,
        method: command.method,
        headers,
        agent,
        signal: abort,
      },
      payload,
      secure,
    ).catch((error: unknown): CommandAnswer => {
      const detail = timeout.aborted
        ? `no answer within ${timeoutMs} ms`
        : signal?.aborted
          ? 'cancelled'
          : describe(error);
      return { outcome: 'transient', detail };
    });
    logger.debug(
      {
        method: command.method,
        path: command.path,
        outcome: answer.outcome,
        status: answer.status,
        ms: Math.round(performance.now() - started),
      },
      'command sent',
    );
    return answer;
  }

  return { send, close: () => agent.destroy() };
}

/** One request/response; rejects on network errors, timeouts and cancellation. */
function exchange(
  request: http.RequestOptions,
  payload: string,
  secure: boolean,
): Promise<CommandAnswer> {
  return new Promise((resolve, reject) => {
    const req = (secure ? https.request : http.request)(request, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < maxBodyBytes) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => {
        const body = Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8');
        const retryAfter = res.headers['retry-after'];
        resolve(classifyAnswer(res.statusCode ?? 0, body, retryAfter));
      });
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(new Error('connection closed before the answer was complete'));
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? error.message : `${code}: ${error.message}`;
};
