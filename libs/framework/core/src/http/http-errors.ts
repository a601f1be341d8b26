import { AppError, errorCodes, type ErrorCode } from '../errors/app-error';

/** The shape of errors raised by express and body-parser (http-errors). */
interface HttpError {
  readonly status: number;
  readonly type?: string;
}

const isHttpError = (error: unknown): error is HttpError & Error =>
  error instanceof Error && typeof (error as Partial<HttpError>).status === 'number';

/**
 * Turns the errors express's own middleware raises into AppErrors with messages of our own:
 * theirs can quote the body (a JSON parse error shows the offending text). Server-side ones
 * stay as they are and are reported as `internal`.
 */
export function fromHttpError(error: unknown): unknown {
  if (!isHttpError(error) || error instanceof AppError) return error;
  switch (error.type) {
    case 'entity.too.large':
      return new AppError('payload_too_large', 'The request body is too large.', { cause: error });
    case 'entity.parse.failed':
      return new AppError('bad_request', 'The request body is not valid JSON.', { cause: error });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'The body encoding is not supported.', {
        cause: error,
      });
    case 'request.aborted':
    case 'request.size.invalid':
      return new AppError('bad_request', 'The request body was incomplete.', { cause: error });
    default:
      return error.status >= 400 && error.status < 500 ? clientError(error) : error;
  }
}

// E.g. a path segment that is not valid percent-encoding (express reports 400).
function clientError(error: HttpError & Error): AppError {
  const code = (Object.keys(errorCodes) as ErrorCode[]).find((c) => errorCodes[c] === error.status);
  return new AppError(code ?? 'bad_request', 'The request is invalid.', { cause: error });
}
