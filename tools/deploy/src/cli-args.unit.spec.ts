import { parseDeployArgs, UsageError, type DeployRequest } from './cli-args';

describe('parseDeployArgs', () => {
  it('reads named apps with the image tag and cluster options', () => {
    expect(
      parseDeployArgs([
        '--',
        'customers-cmdh',
        'orders',
        '--image-tag',
        'T',
        '--namespace',
        'n',
        '--context',
        'c',
      ]),
    ).toEqual({
      selection: { kind: 'named', names: ['customers-cmdh', 'orders'] },
      imageTag: 'T',
      namespace: 'n',
      context: 'c',
      dryRun: false,
      values: [],
    });
  });

  it('reads --affected with a base, --all, --dry-run and values files', () => {
    expect(
      (
        parseDeployArgs([
          '--affected',
          '--base',
          'origin/main',
          '--image-tag',
          'T',
        ]) as DeployRequest
      ).selection,
    ).toEqual({
      kind: 'affected',
      base: 'origin/main',
    });
    expect(
      parseDeployArgs([
        '--all',
        '--image-tag',
        'T',
        '--dry-run',
        '--values',
        'a.yaml',
        '--values',
        'b.yaml',
      ]),
    ).toMatchObject({
      selection: { kind: 'all' },
      dryRun: true,
      values: ['a.yaml', 'b.yaml'],
    });
    expect(parseDeployArgs(['--help'])).toBe('help');
  });

  it.each([
    [['--image-tag', 'T'], 'name the apps, or give exactly one of --affected and --all'],
    [
      ['a', '--all', '--image-tag', 'T'],
      'name the apps, or give exactly one of --affected and --all',
    ],
    [['a', '--base', 'x', '--image-tag', 'T'], '--base goes with --affected'],
    [['a'], '--image-tag is required'],
    [['a', '--image-tag', 'T', '--nope'], "Unknown option '--nope'"],
  ])('refuses %j', (argv, message) => {
    expect(() => parseDeployArgs(argv)).toThrow(UsageError);
    expect(() => parseDeployArgs(argv)).toThrow(message);
  });
});
