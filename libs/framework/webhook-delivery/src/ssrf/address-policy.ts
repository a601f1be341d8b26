import { BlockList, isIP } from 'node:net';

/** Why an address may not be the target of a webhook. */
export type BlockedAddressKind =
  'loopback' | 'private' | 'link_local' | 'unique_local' | 'cloud_metadata' | 'reserved';

type Family = 'ipv4' | 'ipv6';

// Most specific first: the first list that contains the address names its kind.
const ranges: readonly (readonly [BlockedAddressKind, Family, string, number])[] = [
  ['cloud_metadata', 'ipv4', '169.254.169.254', 32], // AWS, GCP, Azure, OpenStack, DigitalOcean
  ['cloud_metadata', 'ipv4', '169.254.170.2', 32], // AWS ECS task metadata
  ['cloud_metadata', 'ipv4', '100.100.100.200', 32], // Alibaba Cloud
  ['cloud_metadata', 'ipv6', 'fd00:ec2::254', 128], // AWS IMDS over IPv6
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['loopback', 'ipv6', '::1', 128],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['private', 'ipv4', '192.168.0.0', 16],
  ['private', 'ipv4', '100.64.0.0', 10], // carrier-grade NAT, shared address space
  ['link_local', 'ipv4', '169.254.0.0', 16],
  ['link_local', 'ipv6', 'fe80::', 10],
  ['unique_local', 'ipv6', 'fc00::', 7],
  ['reserved', 'ipv4', '0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host
  ['reserved', 'ipv4', '192.0.0.0', 24], // IETF protocol assignments
  ['reserved', 'ipv4', '192.0.2.0', 24], // documentation
  ['reserved', 'ipv4', '198.18.0.0', 15], // benchmarking
  ['reserved', 'ipv4', '198.51.100.0', 24], // documentation
  ['reserved', 'ipv4', '203.0.113.0', 24], // documentation
  ['reserved', 'ipv4', '224.0.0.0', 4], // multicast
  ['reserved', 'ipv4', '240.0.0.0', 4], // reserved, and the broadcast address
  ['reserved', 'ipv6', '::', 128], // unspecified
  ['reserved', 'ipv6', '100::', 64], // discard
  ['reserved', 'ipv6', '2001:db8::', 32], // documentation
  ['reserved', 'ipv6', 'ff00::', 8], // multicast
];

const blockLists = new Map<BlockedAddressKind, BlockList>();
for (const [kind, family, network, prefix] of ranges) {
  const list = blockLists.get(kind) ?? new BlockList();
  list.addSubnet(network, prefix, family);
  blockLists.set(kind, list);
}

const embeddedIpv4 = (address: string): string | undefined => {
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address inside.
  const match = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (match) return match[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const high = parseInt(hex[1] ?? '0', 16);
  const low = parseInt(hex[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
};

/**
 * The kind of non-public address `address` is, or `undefined` for a public one. IPv4 addresses
 * embedded in IPv6 (mapped, NAT64) are judged by the IPv4 address they reach.
 *
 * @throws Error when `address` is not an IP address.
 */
export function blockedKindOf(address: string): BlockedAddressKind | undefined {
  const version = isIP(address);
  if (version === 0) throw new Error(`not an IP address: ${address}`);
  const inner = version === 6 ? embeddedIpv4(address) : undefined;
  if (inner !== undefined) return blockedKindOf(inner);
  const family: Family = version === 4 ? 'ipv4' : 'ipv6';
  for (const [kind, list] of blockLists) if (list.check(address, family)) return kind;
  return undefined;
}

/** Networks in CIDR notation (`10.1.0.0/16`, `::1/128`, or a bare address), as one matcher. */
export interface NetworkList {
  readonly includes: (address: string) => boolean;
  readonly entries: readonly string[];
}

/**
 * Parses comma-separated networks, e.g. `127.0.0.0/8,::1`.
 *
 * @throws Error naming the first entry that is not an address or CIDR block.
 */
export function parseNetworkList(spec: string): NetworkList {
  const list = new BlockList();
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const [network = '', prefixText] = entry.split('/');
    const version = isIP(network);
    const family = version === 4 ? 'ipv4' : 'ipv6';
    const max = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (version === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new Error(`"${entry}" is not an IP address or CIDR block`);
    }
    list.addSubnet(network, prefix, family);
  }
  return {
    entries,
    includes: (address) => {
      const version = isIP(address);
      return version !== 0 && list.check(address, version === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
