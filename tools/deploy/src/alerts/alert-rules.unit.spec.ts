import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@cqrs/tools-infra';
import { parse } from 'yaml';
import { prometheusRelease } from './promtool-binary';

// What promtool does not check: the conventions of deploy/alerts (promtool checks the syntax
// and runs the tests themselves, see cli.ts).

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleFile {
  groups: { name: string; rules: AlertRule[] }[];
}
interface AlertTest {
  eval_time: string;
  alertname: string;
  exp_alerts?: unknown[];
}
interface TestFile {
  rule_files: string[];
  tests: { name?: string; alert_rule_test?: AlertTest[] }[];
}

const dir = path.join(repoRoot, 'deploy/alerts');
const files = readdirSync(dir);
const load = <T>(file: string): T => parse(readFileSync(path.join(dir, file), 'utf8')) as T;
const ruleFiles = files.filter((f) => f.endsWith('.rules.yaml'));
const testFiles = files.filter((f) => f.endsWith('.test.yaml'));
const alerts = ruleFiles.flatMap((f) =>
  load<RuleFile>(f).groups.flatMap((g) => g.rules.filter((r) => r.alert !== undefined)),
);
const alertTests = testFiles.flatMap((f) =>
  load<TestFile>(f).tests.flatMap((t) => t.alert_rule_test ?? []),
);

describe('deploy/alerts', () => {
  it('has rule files, every one of them loaded by a test file', () => {
    expect(ruleFiles.length).toBeGreaterThan(0);
    const tested = new Set(testFiles.flatMap((f) => load<TestFile>(f).rule_files));
    expect(ruleFiles.filter((f) => !tested.has(f))).toEqual([]);
  });

  it.each(alerts.map((a) => [a.alert ?? '', a] as const))(
    '%s: severity, for, summary and description naming the service',
    (_name, rule) => {
      expect(['critical', 'warning', 'info']).toContain(rule.labels?.severity);
      expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(rule.annotations?.summary).toContain('{{ $labels.service }}');
      expect(rule.annotations?.description).toContain('{{ $labels.service }}');
      // Aggregated to one alert per app: `service` is always kept.
      expect(rule.expr).not.toMatch(/\bby \((?![^)]*\bservice\b)[^)]*\)/);
    },
  );

  it.each(alerts.map((a) => [a.alert ?? ''] as const))('%s: tested firing and silent', (name) => {
    const tests = alertTests.filter((t) => t.alertname === name);
    expect(tests.some((t) => (t.exp_alerts ?? []).length > 0)).toBe(true);
    expect(tests.some((t) => (t.exp_alerts ?? []).length === 0)).toBe(true);
  });
});

describe('prometheusRelease', () => {
  it('maps the Go module version to the release', () => {
    expect(prometheusRelease('v0.316.0')).toBe('3.16.0');
    expect(prometheusRelease('v0.305.1')).toBe('3.5.1');
    expect(() => prometheusRelease('v2.53.0')).toThrow(/not a Prometheus 3.x/);
  });
});
