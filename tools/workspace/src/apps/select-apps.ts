import type { DevApp } from './dev-app';

/**
 * Picks the apps named on a command line: an app name (`customers-cmdh`) selects that app, a
 * service name (`customers`) all of its apps. No names selects everything.
 *
 * @throws Error naming what matched nothing, and what there is.
 */
export function selectApps(apps: readonly DevApp[], names: readonly string[]): DevApp[] {
  if (names.length === 0) return [...apps];
  const unknown = names.filter((n) => !apps.some((a) => a.name === n || a.service === n));
  if (unknown.length > 0) {
    const known = apps.map((a) => a.name).join(', ') || 'none';
    throw new Error(`no app or service named ${unknown.join(', ')} (apps: ${known})`);
  }
  return apps.filter((a) => names.includes(a.name) || names.includes(a.service));
}
