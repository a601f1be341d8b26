/**
 * Waits `ms`, or less if `signal` aborts first. Never rejects: loops that sleep between attempts
 * check their own stop flag afterwards, which keeps shutdown free of abort-error handling.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Settles with `promise`, or with `fallback` once `ms` passed or `signal` aborted, whichever is
 * first. The original promise keeps running; callers use this to stop *waiting*, e.g. for a
 * renewal stuck on a dead connection.
 */
export async function within<T, F>(
  promise: Promise<T>,
  ms: number,
  fallback: F,
  signal?: AbortSignal,
): Promise<T | F> {
  const local = new AbortController();
  const deadline = sleep(ms, signal ? AbortSignal.any([signal, local.signal]) : local.signal);
  try {
    return await Promise.race([promise, deadline.then(() => fallback)]);
  } finally {
    local.abort();
  }
}
