import type { CheckName, ReconcileReport } from './report';

const checks: readonly CheckName[] = [
  'topic',
  'audit-trail',
  'order-stats',
  'open-orders',
  'standing',
  'webhook-deliveries',
  'stuck-deliveries',
];

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((row, r) =>
      row
        .map((cell, i) =>
          r === 0 || i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The report as text: one summary row per service (what the write model implies and what the
 * topic holds, then the drifts per check), the consumer groups still lagging, and every drift
 * with its aggregate id, at most `maxPerCheck` per check and service.
 */
export function formatReport(report: ReconcileReport, maxPerCheck = 20): string {
  const header = [
    'service',
    'aggregates',
    'expected',
    'published',
    'duplicated',
    'lost',
    'unknown',
    'parked',
    ...checks,
  ];
  const rows = report.services.map((s) => [
    s.service,
    String(s.aggregates),
    String(s.expected),
    String(s.published),
    String(s.duplicated),
    String(s.lost),
    String(s.unknown),
    String(s.parked),
    ...checks.map((c) => String(s.drifts[c] ?? 0)),
  ]);
  const lines = [table([header, ...rows])];
  if (report.lagging.length > 0) lines.push('', `still lagging: ${report.lagging.join(', ')}`);
  const groups = new Map<string, string[]>();
  for (const drift of report.drifts) {
    const key = `${drift.service} ${drift.check}`;
    groups.set(key, [...(groups.get(key) ?? []), `  ${drift.id}: ${drift.detail}`]);
  }
  for (const [key, items] of groups) {
    lines.push('', `${key}:`, ...items.slice(0, maxPerCheck));
    if (items.length > maxPerCheck) lines.push(`  ... and ${items.length - maxPerCheck} more`);
  }
  lines.push('', report.ok ? 'no drift' : `${report.drifts.length} drift(s)`);
  return lines.join('\n');
}
