import { parseImagesArgs, UsageError } from './cli-args';

describe('parseImagesArgs', () => {
  it('reads named apps and services, with a tag', () => {
    expect(parseImagesArgs(['--', 'customers-qryh', 'orders', '--tag', 'v1.2'])).toEqual({
      selection: { kind: 'named', names: ['customers-qryh', 'orders'] },
      tag: 'v1.2',
      infra: false,
      load: 'if-running',
    });
  });

  it('reads --affected with a base, --all, and --infra alone', () => {
    expect(parseImagesArgs(['--affected', '--base', 'origin/main'])).toMatchObject({
      selection: { kind: 'affected', base: 'origin/main' },
    });
    expect(parseImagesArgs(['--all', '--infra', '--load'])).toEqual({
      selection: { kind: 'all' },
      infra: true,
      load: 'required',
    });
    expect(parseImagesArgs(['--infra'])).toMatchObject({
      selection: { kind: 'none' },
      infra: true,
    });
  });

  it('takes another containerd socket', () => {
    expect(parseImagesArgs(['--all', '--containerd-socket', '/tmp/c.sock'])).toMatchObject({
      containerdSocket: '/tmp/c.sock',
    });
  });

  it('answers help', () => {
    expect(parseImagesArgs(['-h'])).toBe('help');
  });

  it.each([
    [[], 'name the apps'],
    [['--all', '--affected'], 'name the apps'],
    [['orders', '--all'], 'name the apps'],
    [['--all', '--base', 'main'], '--base goes with --affected'],
    [['--all', '--tag=-x'], '--tag -x'],
    [['--all', '--tag', 'a/b'], '--tag a/b'],
    [['--all', '--colour'], "Unknown option '--colour'"],
  ])('refuses %j', (argv, message) => {
    expect(() => parseImagesArgs(argv)).toThrow(UsageError);
    expect(() => parseImagesArgs(argv)).toThrow(message);
  });
});
