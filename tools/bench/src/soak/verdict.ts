/** One minute of a soak, as `npm run soak` prints it. */
export interface SoakMinute {
  readonly minute: number;
  /** Sends answered (or timed out) in the minute, retries included. */
  readonly requests: number;
  /** Sends answered 5xx or not at all: none is expected when nothing is broken. */
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The engine's heap after a full collection at the minute's end: its live data. */
  readonly engineLiveHeapMiB: number;
  readonly engineResidentMiB: number;
  /** Change-journal entries retained, and how far the furthest change stream is behind. */
  readonly journalEntries: number;
  readonly streamLagEntries: number;
  /** CPU per request: the engine's, and all processes' of the system but the gateway's. */
  readonly engineCpuMsPerRequest: number;
  readonly systemCpuMsPerRequest: number;
  /** Documents the engine examined per request, and collection scans in the minute. */
  readonly examinedPerRequest: number;
  readonly collectionScans: number;
  /** Resident memory of every app (its first replica), MiB. */
  readonly appResidentMiB: Readonly<Record<string, number>>;
}

export interface SoakVerdict {
  readonly passed: boolean;
  readonly reasons: readonly string[];
}

/**
 * How much a memory figure may grow from the end of warm-up to the last minute and still be
 * flat: a fraction of it plus a floor in MiB (V8 and the JVM settle in steps, not smoothly).
 */
export const flatTolerance = {
  engineLiveHeap: { fraction: 0.2, mib: 32 },
  appResident: { fraction: 0.1, mib: 16 },
} as const;

const grew = (from: number, to: number, tolerance: { fraction: number; mib: number }) =>
  to > from * (1 + tolerance.fraction) + tolerance.mib;

/**
 * A soak passes with zero errors and memory flat after warm-up: the engine's live heap and every
 * app's resident memory in the last minute no more than {@link flatTolerance} above the last
 * warm-up minute. (The engine's resident memory is reported, not judged: the JVM grows its heap
 * toward its maximum under load whether or not anything leaks.)
 */
export function soakVerdict(minutes: readonly SoakMinute[], warmupMinutes: number): SoakVerdict {
  const reasons: string[] = [];
  const errors = minutes.reduce((sum, m) => sum + m.errors, 0);
  if (errors > 0) reasons.push(`${errors} errors (5xx or no answer)`);
  const base = minutes[warmupMinutes - 1];
  const last = minutes.at(-1);
  if (base === undefined || last === undefined || last === base) {
    reasons.push(`no minute after the ${warmupMinutes}-minute warm-up to compare`);
    return { passed: false, reasons };
  }
  const mib = (n: number) => `${n.toFixed(0)} MiB`;
  if (grew(base.engineLiveHeapMiB, last.engineLiveHeapMiB, flatTolerance.engineLiveHeap)) {
    reasons.push(
      `engine live heap grew ${mib(base.engineLiveHeapMiB)} -> ${mib(last.engineLiveHeapMiB)}`,
    );
  }
  for (const [app, from] of Object.entries(base.appResidentMiB)) {
    const to = last.appResidentMiB[app];
    if (to !== undefined && grew(from, to, flatTolerance.appResident)) {
      reasons.push(`${app} resident grew ${mib(from)} -> ${mib(to)}`);
    }
  }
  return { passed: reasons.length === 0, reasons };
}
