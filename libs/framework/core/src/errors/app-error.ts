/**
 * What went wrong, as the API reports it. Each code has one HTTP status; problem details use the
 * code as the last segment of their `type` URI.
 */
export const errorCodes = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rule_violated: 422,
  precondition_required: 428,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorCodes;

export interface AppErrorOptions {
  /** Whether trying the same thing again later may succeed (network, lease, conflict). */
  readonly retriable?: boolean;
  readonly cause?: unknown;
  /** Extra members for the problem details, e.g. `{ reason: 'kyc_pending' }` or field errors. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The one application error type: a stable code, its HTTP status, whether a retry may help, and
 * the original error as `cause`. Everything else that escapes a handler is reported as
 * `internal` without its message.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number;
  readonly retriable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = errorCodes[code];
    this.retriable = options.retriable ?? (code === 'unavailable' || code === 'conflict');
    this.details = options.details ?? {};
  }

  static is(error: unknown, code?: ErrorCode): error is AppError {
    return error instanceof AppError && (code === undefined || error.code === code);
  }
}
