import { blockedKindOf, parseNetworkList } from './address-policy';
import type { TargetPolicy } from './target-guard';
import { checkTarget } from './target-guard';

const none = parseNetworkList('');

const policy = (
  resolved: Record<string, string[]>,
  allowed = '',
  plainHttp = '',
): TargetPolicy => ({
  allowedNetworks: parseNetworkList(allowed),
  plainHttpNetworks: parseNetworkList(plainHttp),
  resolve: (host) => {
    const addresses = resolved[host];
    if (!addresses) return Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  },
});

describe('blockedKindOf', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['169.254.1.1', 'link_local'],
    ['fe80::1', 'link_local'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456::1', 'unique_local'],
    ['169.254.169.254', 'cloud_metadata'],
    ['fd00:ec2::254', 'cloud_metadata'],
    ['100.100.100.200', 'cloud_metadata'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'cloud_metadata'],
    ['64:ff9b::10.0.0.1', 'private'],
  ])('%s is %s', (address, kind) => {
    expect(blockedKindOf(address)).toBe(kind);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(blockedKindOf(address)).toBeUndefined();
    },
  );
});

describe('parseNetworkList', () => {
  it('matches CIDR blocks and bare addresses of both families', () => {
    const list = parseNetworkList('127.0.0.0/8, ::1 ,10.0.0.5');
    expect(['127.9.9.9', '::1', '10.0.0.5'].map(list.includes)).toEqual([true, true, true]);
    expect(['10.0.0.6', '::2', '128.0.0.1'].map(list.includes)).toEqual([false, false, false]);
  });

  it.each(['10.0.0.0/33', 'example.com', '1.2.3/8', '::1/129'])('refuses %s', (entry) => {
    expect(() => parseNetworkList(entry)).toThrow(entry);
  });
});

describe('checkTarget', () => {
  it('accepts a public https host and pins the address it checked', async () => {
    const check = await checkTarget(
      'https://hooks.example.com/in',
      policy({ 'hooks.example.com': ['93.184.216.34'] }),
    );
    expect(check).toMatchObject({ ok: true, address: '93.184.216.34', family: 4 });
  });

  it.each([
    ['http://localhost/x', { localhost: ['127.0.0.1'] }, 'loopback'],
    ['https://internal.example.com/', { 'internal.example.com': ['10.0.0.7'] }, 'private'],
    ['https://169.254.169.254/latest/meta-data', {}, 'cloud_metadata'],
    ['https://[::1]:8443/', {}, 'loopback'],
    ['https://[fd00::1]/', {}, 'unique_local'],
    [
      'https://metadata.example.com/',
      { 'metadata.example.com': ['169.254.169.254'] },
      'cloud_metadata',
    ],
  ])('refuses %s (%s)', async (url, resolved, kind) => {
    const check = await checkTarget(url, policy(resolved));
    expect(check).toMatchObject({ ok: false, reason: 'blocked_address', kind });
  });

  it('refuses a host when any of its addresses is not public (rebinding by round robin)', async () => {
    const check = await checkTarget(
      'https://mixed.example.com/',
      policy({ 'mixed.example.com': ['93.184.216.34', '127.0.0.1'] }),
    );
    expect(check).toMatchObject({ ok: false, reason: 'blocked_address', address: '127.0.0.1' });
  });

  it('lets an allow-listed private network through, over https', async () => {
    const allowed = policy({ 'partner.internal': ['10.20.0.5'] }, '10.20.0.0/16');
    await expect(checkTarget('https://partner.internal/hook', allowed)).resolves.toMatchObject({
      ok: true,
    });
    await expect(checkTarget('http://partner.internal/hook', allowed)).resolves.toMatchObject({
      ok: false,
      reason: 'https_required',
    });
  });

  it('allows plain http only to the plain-http networks', async () => {
    const local = policy({}, '127.0.0.0/8', '127.0.0.0/8');
    await expect(checkTarget('http://127.0.0.1:9999/hook', local)).resolves.toMatchObject({
      ok: true,
    });
    const publicHttp = policy({ 'hooks.example.com': ['93.184.216.34'] }, '', '127.0.0.0/8');
    await expect(checkTarget('http://hooks.example.com/', publicHttp)).resolves.toMatchObject({
      ok: false,
      reason: 'https_required',
    });
  });

  it.each([
    ['not a url', 'invalid_url'],
    ['ftp://example.com/', 'invalid_url'],
    ['https://user:pass@example.com/', 'invalid_url'],
    ['https://nowhere.example.com/', 'unresolvable_host'],
  ])('refuses %s as %s', async (url, reason) => {
    await expect(
      checkTarget(url, {
        allowedNetworks: none,
        plainHttpNetworks: none,
        resolve: policy({}).resolve,
      }),
    ).resolves.toMatchObject({
      ok: false,
      reason,
    });
  });
});
