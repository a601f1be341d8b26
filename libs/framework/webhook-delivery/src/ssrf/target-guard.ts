import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { BlockedAddressKind, NetworkList } from './address-policy';
import { blockedKindOf } from './address-policy';

/** Why a webhook URL was refused. */
export type TargetRefusal =
  | { readonly reason: 'invalid_url'; readonly detail: string }
  | { readonly reason: 'https_required'; readonly detail: string }
  | { readonly reason: 'unresolvable_host'; readonly detail: string }
  | {
      readonly reason: 'blocked_address';
      readonly detail: string;
      readonly kind: BlockedAddressKind;
      readonly address: string;
    };

/** A URL that passed the guard, with the one address a connection to it must go to. */
export interface CheckedTarget {
  readonly url: URL;
  readonly address: string;
  readonly family: 4 | 6;
}

export type TargetCheck =
  ({ readonly ok: true } & CheckedTarget) | ({ readonly ok: false } & TargetRefusal);

export interface TargetPolicy {
  /** Non-public networks that may still be targets (e.g. a partner on a private link). */
  readonly allowedNetworks: NetworkList;
  /** Networks reachable over plain `http:` (local development); HTTPS everywhere else. */
  readonly plainHttpNetworks: NetworkList;
  /** Resolves a host name to every address (tests inject one). */
  readonly resolve?: (host: string) => Promise<readonly { address: string; family: number }[]>;
}

const resolveAll = (host: string) => dnsLookup(host, { all: true, verbatim: true });

/**
 * The SSRF guard: `url` must be http(s) without credentials, and EVERY address its host resolves
 * to must be public or allow-listed (a host with one public and one private address is refused,
 * since a later lookup could pick either). Plain `http:` only reaches `plainHttpNetworks`. The
 * answer pins one checked address: connect to it, never resolve again (no DNS rebinding).
 */
export async function checkTarget(raw: string, policy: TargetPolicy): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid_url', detail: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'invalid_url', detail: 'only http and https URLs' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'invalid_url', detail: 'credentials in the URL are not allowed' };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: readonly { address: string; family: number }[];
  if (isIP(host) !== 0) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await (policy.resolve ?? resolveAll)(host);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'lookup failed';
      return { ok: false, reason: 'unresolvable_host', detail: `${host}: ${code}` };
    }
    if (addresses.length === 0) {
      return { ok: false, reason: 'unresolvable_host', detail: `${host}: no addresses` };
    }
  }
  for (const { address } of addresses) {
    const kind = blockedKindOf(address);
    if (kind !== undefined && !policy.allowedNetworks.includes(address)) {
      return {
        ok: false,
        reason: 'blocked_address',
        kind,
        address,
        detail: `${host} resolves to ${address}, a ${kind.replace('_', '-')} address`,
      };
    }
  }
  if (url.protocol === 'http:') {
    const outside = addresses.find(({ address }) => !policy.plainHttpNetworks.includes(address));
    if (outside !== undefined) {
      return {
        ok: false,
        reason: 'https_required',
        detail: `plain http is only allowed to ${policy.plainHttpNetworks.entries.join(', ') || 'no network'}`,
      };
    }
  }
  const [first] = addresses;
  if (first === undefined) throw new Error('unreachable: addresses checked non-empty');
  return { ok: true, url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
