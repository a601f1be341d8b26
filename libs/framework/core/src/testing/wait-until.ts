const pollEveryMs = 50;

/**
 * Polls `probe` until it gives a value and returns that value; fails naming `what` after a
 * generous `timeoutMs`.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollEveryMs));
  }
}

/** Polls `condition` until it holds; fails naming `what` after a generous `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  await eventually(async () => ((await condition()) ? true : undefined), what, timeoutMs);
}
