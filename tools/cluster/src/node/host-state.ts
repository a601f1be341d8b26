import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Kernel settings a real node changes: kubelet sets the first three at every start, the node
 * needs forwarding and bridged traffic through iptables (Service NAT between pods on one bridge),
 * and kube-proxy or the portmap plugin may enable localnet routing.
 */
export const nodeSysctls = [
  'vm.overcommit_memory',
  'kernel.panic',
  'kernel.panic_on_oops',
  'net.ipv4.ip_forward',
  'net.bridge.bridge-nf-call-iptables',
  'net.ipv4.conf.all.route_localnet',
] as const;

/** What the host looked like before the node started, so `cluster:down` can put it back. */
export interface HostSnapshot {
  readonly sysctls: Record<string, string>;
  /** `iptables-save` / `ip6tables-save` output, and the tables loaded then. */
  readonly iptables: { readonly v4: string; readonly v6: string };
  /** `nft list tables` lines (`table ip nat`): iptables-nft leaves empty tables behind. */
  readonly nftTables: readonly string[];
  /** Whether the pod bridge existed already (then it is not ours to delete). */
  readonly bridgeExisted: boolean;
}

const sysctlPath = (key: string) => `/proc/sys/${key.replace(/\./g, '/')}`;

export function readSysctl(key: string): string | undefined {
  const file = sysctlPath(key);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

export function writeSysctl(key: string, value: string): void {
  writeFileSync(sysctlPath(key), value);
}

const save = (command: string) => {
  try {
    return execFileSync(command, [], { encoding: 'utf8' });
  } catch {
    return '';
  }
};

const nftTables = () =>
  execFileSync('nft', ['list', 'tables'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('table '));

export const linkExists = (name: string) => existsSync(`/sys/class/net/${name}`);

export function captureHost(bridge: string): HostSnapshot {
  const sysctls: Record<string, string> = {};
  for (const key of nodeSysctls) {
    const value = readSysctl(key);
    if (value !== undefined) sysctls[key] = value;
  }
  return {
    sysctls,
    iptables: { v4: save('iptables-save'), v6: save('ip6tables-save') },
    nftTables: nftTables(),
    bridgeExisted: linkExists(bridge),
  };
}

const tablesIn = (dump: string) =>
  new Set(
    dump
      .split('\n')
      .filter((l) => l.startsWith('*'))
      .map((l) => l.slice(1).trim()),
  );

/**
 * Puts the firewall back as it was: each table that was loaded gets its saved rules and chains
 * back (the CNI-* and KUBE-* chains go with it); a table loaded only since is flushed and its
 * chains deleted.
 */
function restoreFirewall(family: 'iptables' | 'ip6tables', saved: string): void {
  const now = save(`${family}-save`);
  if (saved) execFileSync(`${family}-restore`, [], { input: saved });
  const before = tablesIn(saved);
  for (const table of tablesIn(now)) {
    if (before.has(table)) continue;
    execFileSync(family, ['-t', table, '-F']);
    execFileSync(family, ['-t', table, '-X']);
  }
}

/** Restores sysctls, iptables and ip6tables, and removes the bridge when the node made it. */
export function restoreHost(snapshot: HostSnapshot, bridge: string): string[] {
  const problems: string[] = [];
  const attempt = (what: string, action: () => void) => {
    try {
      action();
    } catch (err) {
      problems.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  if (!snapshot.bridgeExisted && linkExists(bridge)) {
    attempt(`deleting bridge ${bridge}`, () => execFileSync('ip', ['link', 'delete', bridge]));
  }
  attempt('restoring iptables', () => restoreFirewall('iptables', snapshot.iptables.v4));
  attempt('restoring ip6tables', () => restoreFirewall('ip6tables', snapshot.iptables.v6));
  const before = new Set(snapshot.nftTables);
  for (const table of nftTables().filter((t) => !before.has(t))) {
    attempt(`deleting nftables ${table}`, () =>
      execFileSync('nft', ['delete', ...table.split(' ')]),
    );
  }
  for (const [key, value] of Object.entries(snapshot.sysctls)) {
    attempt(`restoring ${key}`, () => {
      if (readSysctl(key) !== value) writeSysctl(key, value);
    });
  }
  return problems;
}
