import { parseTokenRequest, TokenUsageRequested } from './token-request';

describe('parseTokenRequest', () => {
  it('reads subject, roles and lifetime', () => {
    expect(
      parseTokenRequest(['--sub', 'alice', '--roles', 'risk, operator,risk', '--ttl', '15m']),
    ).toEqual({
      sub: 'alice',
      roles: ['risk', 'operator'],
      ttl: '15m',
    });
  });

  it('defaults to no roles and one hour', () => {
    expect(parseTokenRequest(['--sub=bob'])).toEqual({ sub: 'bob', roles: [], ttl: '1h' });
  });

  it('requires a subject', () => {
    expect(() => parseTokenRequest(['--roles', 'risk'])).toThrow('--sub is required');
    expect(() => parseTokenRequest(['--sub', ' '])).toThrow('--sub is required');
  });

  it('refuses a lifetime jose would misread, and unknown options', () => {
    expect(() => parseTokenRequest(['--sub', 'a', '--ttl', 'soon'])).toThrow(/is not a lifetime/);
    expect(() => parseTokenRequest(['--sub', 'a', '--role', 'x'])).toThrow(
      /Unknown option '--role'/,
    );
    expect(() => parseTokenRequest(['--sub', 'a', 'extra'])).toThrow('unexpected argument extra');
  });

  it('answers --help with the usage', () => {
    expect(() => parseTokenRequest(['--help'])).toThrow(TokenUsageRequested);
  });
});
