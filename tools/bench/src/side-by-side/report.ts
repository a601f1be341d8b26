import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@cqrs/tools-infra';
import { benchOutDir, markdownTable, reportedBenches, type ReportRow } from './bench-result';

/**
 * `npm run bench`'s last step: the rows every side-by-side bench wrote, as one table on stdout
 * and in tmp/bench/report.json. A bench that has not run is named, not skipped silently.
 */
function main() {
  const rows: ReportRow[] = [];
  const missing: string[] = [];
  const measuredAt: Record<string, string> = {};
  for (const bench of reportedBenches) {
    const file = path.join(benchOutDir, `${bench}.json`);
    if (!existsSync(file)) {
      missing.push(bench);
      continue;
    }
    const result = JSON.parse(readFileSync(file, 'utf8')) as {
      measuredAt: string;
      rows: ReportRow[];
    };
    measuredAt[bench] = result.measuredAt;
    rows.push(...result.rows);
  }
  console.log(`\n${markdownTable(rows)}\n`);
  for (const bench of missing) console.log(`not measured: bench:${bench} wrote no result`);
  writeFileSync(
    path.join(benchOutDir, 'report.json'),
    JSON.stringify({ measuredAt, rows, missing }, null, 2),
  );
  console.log(`written to ${path.relative(repoRoot, path.join(benchOutDir, 'report.json'))}`);
}

main();
