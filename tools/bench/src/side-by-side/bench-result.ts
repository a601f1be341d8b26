import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@cqrs/tools-infra';
import { medianSpread, percentile } from '../stats';

/** Where the side-by-side benches write their JSON (under the ignored tmp/). */
export const benchOutDir = path.join(repoRoot, 'tmp', 'bench');

/**
 * One row of the combined table: a figure of several rounds beside its baseline measured in the
 * same run, both as `median (min-max)`, the ratio of the medians, and the target.
 */
export interface ReportRow {
  readonly what: string;
  readonly figure: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
}

/** The benches whose rows make up the combined table, in its order. */
export const reportedBenches = ['cmdh', 'evp', 'system', 'apps'] as const;
export type ReportedBench = (typeof reportedBenches)[number];

/** Writes a bench's rows and raw runs to tmp/bench/<bench>.json. */
export function writeBenchResult(bench: ReportedBench, rows: readonly ReportRow[], runs: unknown) {
  mkdirSync(benchOutDir, { recursive: true });
  writeFileSync(
    path.join(benchOutDir, `${bench}.json`),
    JSON.stringify({ measuredAt: new Date().toISOString(), rows, runs }, null, 2),
  );
}

/** `a / b` to two decimals, `-` when either is missing. */
export const ratioOf = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? (a / b).toFixed(2) : '-';

/** A markdown table of rows. */
export function markdownTable(rows: readonly ReportRow[]): string {
  return [
    '| what | figure, median (min-max) | baseline, same run | ratio | target |',
    '| --- | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.what} | ${r.figure} | ${r.baseline} | ${r.ratio} | ${r.target} |`),
  ].join('\n');
}

/**
 * A row of `figure` over `runs` beside the same figure over `baselineRuns`, both `median
 * (min-max)` to `digits` decimals, and the ratio of the medians.
 */
export function sideBySideRow<Run>(
  what: string,
  runs: readonly Run[],
  baselineRuns: readonly Run[],
  figure: (run: Run) => number,
  digits: number,
  target = '-',
): ReportRow {
  const values = runs.map(figure);
  const baseline = baselineRuns.map(figure);
  return {
    what,
    figure: medianSpread(values, digits),
    baseline: medianSpread(baseline, digits),
    ratio: ratioOf(percentile(values, 50), percentile(baseline, 50)),
    target,
  };
}
