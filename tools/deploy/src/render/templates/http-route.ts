import type { KubernetesObject } from '@kubernetes/client-node';
import type { GatewayRoute, PathSegment } from '@cqrs/tools-workspace';
import { appLabels, type AppRenderInput } from '../deploy-app';
import type { Values } from '../values';

/** One `HTTPRouteMatch` of the Gateway API (the fields we use). */
export interface HttpRouteMatch {
  readonly path: { readonly type: 'Exact' | 'RegularExpression'; readonly value: string };
  readonly method: string;
}

/** A `gateway.networking.k8s.io/v1` HTTPRoute (the fields we use; no typed model ships with the client). */
export interface HttpRoute extends KubernetesObject {
  readonly spec: {
    readonly parentRefs: readonly Record<string, string>[];
    readonly hostnames?: readonly string[];
    readonly rules: readonly {
      readonly matches: readonly HttpRouteMatch[];
      readonly backendRefs: readonly { readonly name: string; readonly port: number }[];
    }[];
  };
}

// Gateway API limits: 64 matches per rule, 16 rules per route, 128 matches per route in all.
const matchesPerRule = 64;
const matchesPerRoute = 128;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The path match of a declared pattern: `Exact` when it is all literal (which every conforming
 * gateway ranks above any other match, as the local gateway ranks literal paths first), else an
 * anchored `RegularExpression` in which each `{param}` is one non-empty segment.
 */
export function pathMatchOf(
  segments: readonly PathSegment[],
  path: string,
): HttpRouteMatch['path'] {
  if (segments.every((s) => s.kind === 'literal')) return { type: 'Exact', value: path };
  const body = segments
    .map((s) => `/${s.kind === 'literal' ? escapeRegExp(s.value) : '[^/]+'}`)
    .join('');
  return { type: 'RegularExpression', value: `^${body}$` };
}

/**
 * The HTTPRoute of one app: a match per public route it serves (method and path, `HEAD` too
 * wherever `GET` is, as the local gateway does), all to the app's Service. Built from the local
 * gateway's route table (`buildRouteTable` over every service's declarations), so production
 * routes exactly what `npm start` routes. Undefined for an app without public routes.
 *
 * @throws Error when the app has more matches than one HTTPRoute may hold.
 */
export function httpRouteTemplate(
  input: AppRenderInput,
  routes: readonly GatewayRoute[],
  gateway: Values['gateway'],
): HttpRoute | undefined {
  const { app, settings } = input;
  const matches = routes
    .filter((r) => r.upstream === app.name)
    .flatMap((r) => {
      const path = pathMatchOf(r.segments, r.path);
      const methods = r.method === 'get' ? ['GET', 'HEAD'] : [r.method.toUpperCase()];
      return methods.map((method) => ({ path, method }));
    });
  if (!gateway.enabled || matches.length === 0) return undefined;
  if (matches.length > matchesPerRoute) {
    throw new Error(
      `${app.name} has ${matches.length} route matches; one HTTPRoute holds ${matchesPerRoute}`,
    );
  }
  const rules = [];
  for (let i = 0; i < matches.length; i += matchesPerRule) {
    rules.push({
      matches: matches.slice(i, i + matchesPerRule),
      backendRefs: [{ name: app.name, port: settings.port }],
    });
  }
  const parentRef: Record<string, string> = {
    group: 'gateway.networking.k8s.io',
    kind: 'Gateway',
    name: gateway.name,
    ...(gateway.namespace !== undefined ? { namespace: gateway.namespace } : {}),
    ...(gateway.sectionName !== undefined ? { sectionName: gateway.sectionName } : {}),
  };
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: app.name, namespace: input.namespace, labels: appLabels(app) },
    spec: {
      parentRefs: [parentRef],
      ...(gateway.hostnames.length > 0 ? { hostnames: gateway.hostnames } : {}),
      rules,
    },
  };
}
