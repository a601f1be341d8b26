/**
 * What `cmdh` made of a command, as far as its sender (`evh`, `extevh`) is concerned:
 * - `applied`: done now, or earlier (an idempotent replay of the same key);
 * - `refused`: a business or contract refusal that sending the same command again cannot
 *   change (`evh` parks the event at once, `extevh` records it and answers 200);
 * - `transient`: the target was unreachable, overloaded or failed; trying later may succeed.
 */
export type CommandAnswer =
  | { readonly outcome: 'applied'; readonly status: number }
  | {
      readonly outcome: 'refused';
      readonly status: number;
      /** The problem's `reason` extension, e.g. `not_pending_kyc`. */
      readonly reason?: string;
      readonly detail: string;
    }
  | {
      readonly outcome: 'transient';
      /** Absent when no answer arrived (network error, timeout). */
      readonly status?: number;
      /** From `Retry-After`, when the target sent one. */
      readonly retryAfterMs?: number;
      readonly detail: string;
    };

// Parked events keep the detail; a misbehaving target must not make them huge.
const maxDetailLength = 1_000;

// 408 and 429 say "not now"; every other 4xx describes the request itself.
const transientClientErrors = new Set([408, 429]);

/**
 * Classifies an HTTP answer of `cmdh`: 2xx applied; 408, 429 and 5xx transient (honouring
 * `Retry-After`); everything else refused, with the RFC 9457 problem's `reason` and `detail`
 * when the body is one. Redirects count as refused: a `cmdh` never sends them, so one means
 * the base URL is wrong, which no retry fixes.
 */
export function classifyAnswer(
  status: number,
  body: string,
  retryAfter?: string,
  now: number = Date.now(),
): CommandAnswer {
  if (status >= 200 && status < 300) return { outcome: 'applied', status };
  const problem = problemOf(body);
  const detail = (problem.detail ?? problem.title ?? `HTTP ${status}`).slice(0, maxDetailLength);
  if (status >= 500 || transientClientErrors.has(status)) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return {
      outcome: 'transient',
      status,
      detail,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  return {
    outcome: 'refused',
    status,
    detail,
    ...(problem.reason === undefined ? {} : { reason: problem.reason }),
  };
}

/**
 * Milliseconds to wait according to a `Retry-After` header (delay in seconds, or an HTTP date);
 * `undefined` when absent or unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = value?.trim();
  if (text === undefined || text.length === 0) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP date format starts with the day name; anything else is not one.
  if (!/^[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

interface ProblemFields {
  readonly reason?: string;
  readonly detail?: string;
  readonly title?: string;
}

/** The text members of a problem details body that matter here; `{}` for anything else. */
function problemOf(body: string): ProblemFields {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {};
  }
  if (json === null || typeof json !== 'object') return {};
  const record = json as Record<string, unknown>;
  const text = (key: string): string | undefined =>
    typeof record[key] === 'string' ? record[key] : undefined;
  const fields = { reason: text('reason'), detail: text('detail'), title: text('title') };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
