import { schemathesisArgs } from './schemathesis-command';

describe('schemathesisArgs', () => {
  it('runs every check and phase against the gateway with the token', () => {
    // Act
    const args = schemathesisArgs({
      document: 'openapi.yaml',
      url: 'http://127.0.0.1:18480',
      token: 't0k3n',
      maxExamples: 30,
      reportDir: '/r',
      configFile: '/c/schemathesis.toml',
      extra: ['--seed', '1'],
    });

    // Assert
    expect(args.join(' ')).toBe(
      '--config-file /c/schemathesis.toml run openapi.yaml --url http://127.0.0.1:18480 ' +
        '--checks all --phases examples,coverage,fuzzing,stateful --max-examples 30 ' +
        '--header Authorization: Bearer t0k3n --report junit,ndjson --report-dir /r --seed 1',
    );
  });
});
