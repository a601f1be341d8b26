/**
 * Starts what `start` resolves to once before the tests of the spec file (`beforeAll`) and
 * stops it after them (`afterAll`). Returns a stand-in whose properties read through to the
 * started value, so the file declares it once at the top:
 *
 * ```ts
 * const cmdh = startedForFile(() => cmdhUnderTest());
 * it('...', async () => expect(await cmdh.customers.countDocuments()).toBe(0));
 * ```
 */
export function startedForFile<T extends { stop(): Promise<void> }>(
  start: () => Promise<T>,
  timeoutMs?: number,
): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  }, timeoutMs);
  afterAll(() => started?.stop());
  return new Proxy({} as T, {
    get: (_target, property) => {
      if (started === undefined) throw new Error('read before beforeAll started it');
      return Reflect.get(started, property, started) as unknown;
    },
  });
}
