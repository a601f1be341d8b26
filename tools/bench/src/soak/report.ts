import type { SoakMinute } from './verdict';

const table = (headers: readonly string[], rows: readonly (readonly string[])[]) =>
  [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

/** A figure in a table: blank when missing, `-` when not measured yet (NaN). */
const figureText = (value: number | undefined) =>
  value === undefined ? '' : Number.isNaN(value) ? '-' : String(value);

/**
 * The soak's tables: one row per minute, and every app's resident memory and live heap per
 * minute.
 */
export function soakTables(rows: readonly SoakMinute[]): {
  minutes: string;
  apps: string;
  liveHeaps: string;
} {
  const minutes = table(
    [
      'minute',
      'requests',
      'errors',
      'p50 ms',
      'p99 ms',
      'engine live heap MiB',
      'engine RSS MiB',
      'journal entries',
      'stream lag',
      'engine CPU ms/req',
      'system CPU ms/req',
      'examined/request',
      'collection scans',
      'apps RSS MiB (min-max)',
    ],
    rows.map((r) => {
      const apps = Object.values(r.appResidentMiB);
      return [
        String(r.minute),
        String(r.requests),
        String(r.errors),
        r.p50Ms.toFixed(1),
        r.p99Ms.toFixed(1),
        String(r.engineLiveHeapMiB),
        String(r.engineResidentMiB),
        String(r.journalEntries),
        String(r.streamLagEntries),
        r.engineCpuMsPerRequest.toFixed(2),
        r.systemCpuMsPerRequest.toFixed(2),
        r.examinedPerRequest.toFixed(1),
        String(r.collectionScans),
        `${Math.min(...apps)}-${Math.max(...apps)}`,
      ];
    }),
  );
  const perApp = (figure: (row: SoakMinute) => Readonly<Record<string, number>>) =>
    table(
      ['app', ...rows.map((r) => String(r.minute))],
      Object.keys(rows[0] ? figure(rows[0]) : {}).map((name) => [
        name,
        ...rows.map((r) => figureText(figure(r)[name])),
      ]),
    );
  return {
    minutes,
    apps: perApp((r) => r.appResidentMiB),
    liveHeaps: perApp((r) => r.appLiveHeapMiB),
  };
}
