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
  /**
   * Every app's V8 heap right after its last full collection (`nodejs_heap_live_bytes`), MiB:
   * its live data; NaN before its first full collection.
   */
  readonly appLiveHeapMiB: Readonly<Record<string, number>>;
}

export interface SoakVerdict {
  readonly passed: boolean;
  readonly reasons: readonly string[];
  /** What is worth a look but does not fail the soak. */
  readonly warnings: readonly string[];
}

/** Mebibytes in a Kubernetes memory quantity (`320Mi`, `1Gi`, `512M`, `1000000`). */
export function quantityMiB(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G)?$/.exec(quantity.trim());
  if (!match) throw new Error(`not a memory quantity: ${quantity}`);
  const unit =
    { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 }[match[2] ?? ''] ?? 1;
  return (Number(match[1]) * unit) / 2 ** 20;
}

/**
 * How much a memory figure may grow from the end of warm-up to the last minute and still be
 * flat: a fraction of it plus a floor in MiB (V8 and the JVM settle in steps, not smoothly).
 */
export const flatTolerance = {
  engineLiveHeap: { fraction: 0.2, mib: 32 },
  appLiveHeap: { fraction: 0.2, mib: 8 },
} as const;

const grew = (from: number, to: number, tolerance: { fraction: number; mib: number }) =>
  to > from * (1 + tolerance.fraction) + tolerance.mib;

/**
 * A soak passes with zero errors and memory flat after warm-up: the engine's and every app's live
 * heap in the last minute no more than {@link flatTolerance} above the last warm-up minute.
 * Resident memory is not judged: an app's is a sawtooth that V8 lets grow toward its heap limit
 * whether or not anything leaks (the live heap grows only with live data), and the JVM grows the
 * engine's heap toward its maximum under load. An app whose resident memory passed its
 * Deployment's memory limit (`residentLimitMiB`, by app) in some minute is a warning: its pod
 * would have been killed, had V8 not sized its heap to the pod's limit (the soak's apps run
 * without one).
 */
export function soakVerdict(
  minutes: readonly SoakMinute[],
  warmupMinutes: number,
  residentLimitMiB: Readonly<Record<string, number>> = {},
): SoakVerdict {
  const reasons: string[] = [];
  const warnings: string[] = [];
  const errors = minutes.reduce((sum, m) => sum + m.errors, 0);
  if (errors > 0) reasons.push(`${errors} errors (5xx or no answer)`);
  const base = minutes[warmupMinutes - 1];
  const last = minutes.at(-1);
  if (base === undefined || last === undefined || last === base) {
    reasons.push(`no minute after the ${warmupMinutes}-minute warm-up to compare`);
    return { passed: false, reasons, warnings };
  }
  const mib = (n: number) => `${n.toFixed(0)} MiB`;
  if (grew(base.engineLiveHeapMiB, last.engineLiveHeapMiB, flatTolerance.engineLiveHeap)) {
    reasons.push(
      `engine live heap grew ${mib(base.engineLiveHeapMiB)} -> ${mib(last.engineLiveHeapMiB)}`,
    );
  }
  for (const [app, from] of Object.entries(base.appLiveHeapMiB)) {
    const to = last.appLiveHeapMiB[app];
    if (to !== undefined && grew(from, to, flatTolerance.appLiveHeap)) {
      reasons.push(`${app} live heap grew ${mib(from)} -> ${mib(to)}`);
    }
  }
  for (const [app, limit] of Object.entries(residentLimitMiB)) {
    const peak = Math.max(...minutes.map((m) => m.appResidentMiB[app] ?? 0));
    if (peak > limit)
      warnings.push(`${app} resident reached ${mib(peak)}, over its pod limit ${mib(limit)}`);
  }
  return { passed: reasons.length === 0, reasons, warnings };
}
