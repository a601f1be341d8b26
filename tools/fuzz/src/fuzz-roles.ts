import type { ApiRoute } from '@cqrs/framework-core';

/**
 * The roles the fuzzing token carries: every role a public route requires at the edge, plus the
 * roles the services' rules check (e.g. `risk` to block), so no operation is answered 403 only
 * for want of a role. `service` never: internal routes are not served by the gateway, and a
 * client holding it would pass as another service.
 */
export function fuzzRoles(
  routes: readonly ApiRoute[],
  ruleRoles: readonly string[],
): readonly string[] {
  const atTheEdge = routes.filter((r) => r.exposure === 'public').flatMap((r) => r.roles ?? []);
  return [...new Set([...atTheEdge, ...ruleRoles])].filter((role) => role !== 'service').sort();
}
