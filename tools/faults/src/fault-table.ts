/** One scenario's figures, as `npm run test:faults` prints them. */
export interface FaultRow {
  readonly scenario: string;
  /** Commands sent, accepted, refused by a business rule, answered 500, given up. */
  readonly sent: number;
  readonly accepted: number;
  readonly refused: number;
  readonly serverErrors: number;
  readonly gaveUp: number;
  /** Sends the clients repeated while the system was unavailable. */
  readonly retries: number;
  /** Events over both services during the scenario: expected (versions written), published (distinct), duplicated, and lost (in total, not only this scenario's). */
  readonly expected: number;
  readonly published: number;
  readonly duplicated: number;
  readonly lost: number;
  /** Drifts the reconciliation found once the system settled. */
  readonly drifts: number;
  /** Parked events over both evh, in total. */
  readonly parked: number;
  /** From the end of the fault until a flow through every app completed; undefined if it did not. */
  readonly recoverMs: number | undefined;
  readonly passed: boolean;
}

const columns: readonly [string, (row: FaultRow) => string][] = [
  ['scenario', (r) => r.scenario],
  ['sent', (r) => String(r.sent)],
  ['accepted', (r) => String(r.accepted)],
  ['refused', (r) => String(r.refused)],
  ['5xx', (r) => String(r.serverErrors)],
  ['gave up', (r) => String(r.gaveUp)],
  ['retries', (r) => String(r.retries)],
  ['expected', (r) => String(r.expected)],
  ['published', (r) => String(r.published)],
  ['dup', (r) => String(r.duplicated)],
  ['lost', (r) => String(r.lost)],
  ['drifts', (r) => String(r.drifts)],
  ['parked', (r) => String(r.parked)],
  ['recover', (r) => (r.recoverMs === undefined ? '-' : `${(r.recoverMs / 1000).toFixed(1)} s`)],
  ['', (r) => (r.passed ? 'ok' : 'FAILED')],
];

/** The rows as a Markdown table (one line per scenario), numbers right-aligned. */
export function formatFaultTable(rows: readonly FaultRow[]): string {
  const cells = rows.map((row) => columns.map(([, cell]) => cell(row)));
  const widths = columns.map(([title], i) =>
    Math.max(title.length, 3, ...cells.map((line) => (line[i] ?? '').length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(columns.map(([title]) => title)), rule, ...cells.map(line)].join('\n');
}
