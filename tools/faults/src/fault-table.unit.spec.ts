import type { FaultRow } from './fault-table';
import { formatFaultTable } from './fault-table';

const row = (over: Partial<FaultRow>): FaultRow => ({
  scenario: 'SIGKILL customers-evp, restarted',
  sent: 812,
  accepted: 790,
  refused: 22,
  serverErrors: 0,
  gaveUp: 0,
  retries: 14,
  expected: 1204,
  published: 1204,
  duplicated: 31,
  lost: 0,
  drifts: 0,
  parked: 0,
  recoverMs: 12_345,
  passed: true,
  ...over,
});

describe('formatFaultTable', () => {
  it('prints one aligned Markdown row per scenario with the recovery in seconds', () => {
    const table = formatFaultTable([row({}), row({ scenario: 'no fault', recoverMs: 900 })]);
    const lines = table.split('\n');

    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\| scenario +\| sent \| accepted \|/);
    expect(lines[1]).toMatch(/^\| -+ \| ---: \|/);
    expect(lines[2]).toContain('|     1204 |      1204 |  31 |    0 |');
    expect(lines[2]).toMatch(/\| {2}12\.3 s \| {2}ok \|$/);
    expect(lines[3]).toMatch(/^\| no fault {25}\|.*\| {3}0\.9 s \|/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('marks a failed scenario and one that never recovered', () => {
    const [, , failed] = formatFaultTable([
      row({ lost: 3, passed: false, recoverMs: undefined }),
    ]).split('\n');

    expect(failed).toMatch(/\| {4}3 \|/);
    expect(failed).toMatch(/\| +- \| FAILED \|$/);
  });
});
