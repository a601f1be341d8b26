/** What `schemathesis run` is pointed at and how hard it tries. */
export interface SchemathesisRun {
  /** The OpenAPI document, e.g. `openapi.yaml`. */
  readonly document: string;
  /** The gateway's base URL. */
  readonly url: string;
  /** A bearer token with every role the public API checks. */
  readonly token: string;
  readonly maxExamples: number;
  /** Where the JUnit and NDJSON reports go. */
  readonly reportDir: string;
  /** schemathesis.toml with the run's settings (see the file). */
  readonly configFile: string;
  /** Passed on as they are, e.g. `--seed 1` or `--include-path-regex /orders`. */
  readonly extra?: readonly string[];
}

/** Every phase: schema examples, boundary coverage, random fuzzing and stateful link chains. */
export const allPhases = ['examples', 'coverage', 'fuzzing', 'stateful'] as const;

/** The arguments of `schemathesis` for one run of every check and phase against the API. */
export function schemathesisArgs(run: SchemathesisRun): string[] {
  return [
    '--config-file',
    run.configFile,
    'run',
    run.document,
    '--url',
    run.url,
    '--checks',
    'all',
    '--phases',
    allPhases.join(','),
    '--max-examples',
    String(run.maxExamples),
    '--header',
    `Authorization: Bearer ${run.token}`,
    '--report',
    'junit,ndjson',
    '--report-dir',
    run.reportDir,
    ...(run.extra ?? []),
  ];
}
