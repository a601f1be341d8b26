import type { ApiRoute, AppRole, HttpMethod } from '@cqrs/framework-core';
import {
  compareSpecificity,
  parsePathPattern,
  patternsEquivalent,
  patternsOverlap,
  splitRequestPath,
  type PathSegment,
} from './path-pattern';

/** The gateway's own probes; no public route may shadow them. */
export const gatewayProbePaths = ['/livez', '/readyz'] as const;

/** What the gateway needs of a route declaration (a full `ApiRoute` fits). */
export type GatewayRouteSource = Pick<
  ApiRoute,
  'service' | 'app' | 'exposure' | 'method' | 'path' | 'operationId'
>;

/** One public route as the gateway (and the Kubernetes HTTPRoutes) route it. */
export interface GatewayRoute {
  readonly method: HttpMethod;
  /** The declared pattern, e.g. `/customers/{id}`. */
  readonly path: string;
  readonly segments: readonly PathSegment[];
  readonly service: string;
  readonly app: AppRole;
  /** The app that serves it, `<service>-<app>`: the key of the gateway's upstreams. */
  readonly upstream: string;
  readonly operationId: string;
}

/** The public routes, most specific first (see `compareSpecificity`). */
export interface RouteTable {
  readonly routes: readonly GatewayRoute[];
}

export interface BuildRouteTableOptions {
  /**
   * Paths the gateway answers itself (e.g. `/livez`); a public route that could match one of
   * them is an error because it would never be reached.
   */
  readonly reservedPaths?: readonly string[];
}

/** The route declarations cannot be routed unambiguously; `problems` lists every reason. */
export class RouteTableError extends Error {
  override readonly name = 'RouteTableError';

  constructor(readonly problems: readonly string[]) {
    super(`the public routes cannot be routed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const describe = (r: GatewayRoute) =>
  `${r.method.toUpperCase()} ${r.path} (${r.upstream} ${r.operationId})`;

/**
 * Builds the gateway's route table from every service's declarations. Only `public` routes are
 * taken: internal ones are service-to-service and never reachable through the gateway.
 *
 * Rejected, all reasons at once: a path the gateway cannot match (see `parsePathPattern`); two
 * routes with the same method and equivalent paths; two routes of *different* apps with the same
 * method and overlapping paths (`GET /a/{id}/c` on qryh and `GET /a/b/{x}` on cmdh), since which
 * app gets a request must not depend on precedence rules a Kubernetes gateway may not share; a
 * route shadowed by a reserved path. One overlap is allowed: a fully literal path against one
 * with parameters (`GET /customers/parked-events` on evh, `GET /customers/{id}` on qryh). The
 * literal one becomes an `Exact` match, which the Gateway API ranks above every other match kind,
 * so every conforming gateway picks the same app as this one.
 *
 * @throws RouteTableError
 */
const isExact = (segments: readonly PathSegment[]) => segments.every((s) => s.kind === 'literal');

export function buildRouteTable(
  declarations: readonly GatewayRouteSource[],
  options: BuildRouteTableOptions = {},
): RouteTable {
  const problems: string[] = [];
  const routes: GatewayRoute[] = [];
  for (const d of declarations) {
    if (d.exposure !== 'public') continue;
    try {
      routes.push({
        method: d.method,
        path: d.path,
        segments: parsePathPattern(d.path),
        service: d.service,
        app: d.app,
        upstream: `${d.service}-${d.app}`,
        operationId: d.operationId,
      });
    } catch (error) {
      problems.push(`${d.operationId}: ${(error as Error).message}`);
    }
  }

  for (const [i, a] of routes.entries()) {
    for (const b of routes.slice(i + 1)) {
      if (a.method !== b.method) continue;
      if (patternsEquivalent(a.segments, b.segments)) {
        problems.push(`${describe(a)} and ${describe(b)} match the same paths`);
      } else if (
        a.upstream !== b.upstream &&
        patternsOverlap(a.segments, b.segments) &&
        isExact(a.segments) === isExact(b.segments)
      ) {
        problems.push(`${describe(a)} overlaps ${describe(b)}, which another app serves`);
      }
    }
    for (const reserved of options.reservedPaths ?? []) {
      if (patternsOverlap(a.segments, parsePathPattern(reserved))) {
        problems.push(`${describe(a)} would be shadowed by the gateway's own ${reserved}`);
      }
    }
  }
  if (problems.length > 0) throw new RouteTableError(problems);

  routes.sort(
    (a, b) =>
      compareSpecificity(a.segments, b.segments) ||
      a.path.localeCompare(b.path) ||
      a.method.localeCompare(b.method),
  );
  return { routes };
}

/** The outcome of routing one request. */
export type RouteMatch =
  | {
      readonly kind: 'matched';
      readonly route: GatewayRoute;
      /** Decoded parameter values by name. */
      readonly params: Readonly<Record<string, string>>;
    }
  /** The path is known but not for this method; `allow` lists the methods that are. */
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

function bind(
  segments: readonly PathSegment[],
  parts: readonly string[],
): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = parts[i] as string;
    if (segment.kind === 'literal') {
      if (segment.value !== part) return undefined;
    } else {
      params[segment.name] = decodeParam(part);
    }
  }
  return params;
}

function decodeParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Routes a request: among the routes of its method (`HEAD` counts as `GET`) the most specific
 * one whose path matches wins, so literal segments beat parameters. A path that only other
 * methods serve is `method-not-allowed`; its `allow` lists the methods of the most specific
 * pattern matching the path, the one that owns it (with `HEAD` wherever `GET` is): a `DELETE
 * /customers/parked-events` is told `GET, HEAD`, not also the `PATCH` of `/customers/{id}`.
 * Anything else is `not-found`. `pathname` is the raw, still percent-encoded path without the
 * query.
 */
export function matchRoute(table: RouteTable, method: string, pathname: string): RouteMatch {
  const parts = splitRequestPath(pathname);
  if (parts === undefined) return { kind: 'not-found' };
  const wanted = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  const allowed = new Set<string>();
  // Routes are most specific first, so the first pattern that matches owns the path.
  let owner: readonly PathSegment[] | undefined;
  for (const route of table.routes) {
    const params = bind(route.segments, parts);
    if (params === undefined) continue;
    if (route.method === wanted) return { kind: 'matched', route, params };
    owner ??= route.segments;
    if (patternsEquivalent(route.segments, owner)) allowed.add(route.method.toUpperCase());
  }
  if (allowed.size === 0) return { kind: 'not-found' };
  if (allowed.has('GET')) allowed.add('HEAD');
  return { kind: 'method-not-allowed', allow: [...allowed].sort() };
}
