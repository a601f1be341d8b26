import type { ApiRoute, AppRole } from '../http/route';

/** What a service declares once, in its shared lib (`defineService`); apps and tools read it. */
export interface ServiceDeclaration {
  /**
   * e.g. `customers`: the apps `customers-<role>` under `apps/customers/`, the shared lib
   * `libs/customers/shared`, the database's default name and the events' CloudEvents `source`.
   */
  readonly name: string;
  /** The aggregate collection whose `lastEvent`s are the service's events (evp, extevp, chgh). */
  readonly writeModel: string;
  /** The public topic the service's `evp` publishes to, e.g. `customers.events.v1`. */
  readonly eventsTopic: string;
  /** The other service's topic its `evh` consumes; absent when it has no `evh`. */
  readonly consumedTopic?: string;
  /** Every route the service's apps serve, by app. */
  readonly routes: Readonly<Partial<Record<AppRole, readonly ApiRoute[]>>>;
}

/** A declared service, with what follows from its declaration. */
export type ServiceDescriptor<D extends ServiceDeclaration = ServiceDeclaration> = Readonly<D> & {
  /** The CloudEvents `source` of its events: `/<name>`. */
  readonly source: string;
  /** Every route, app after app in declaration order (for the gateway and `openapi.yaml`). */
  readonly allRoutes: readonly ApiRoute[];
};

const serviceName = /^[a-z][a-z0-9]*$/;

/**
 * Declares a service. Fails at once, naming every problem, when the name is not a lowercase
 * word (it prefixes app names, `<service>-<role>`) or a route is listed under an app, or a
 * service, other than the one its declaration names.
 */
export function defineService<const D extends ServiceDeclaration>(
  declaration: D,
): ServiceDescriptor<D> {
  const { name, routes } = declaration;
  const problems: string[] = [];
  if (!serviceName.test(name)) problems.push(`name "${name}" is not a lowercase word`);
  const allRoutes = Object.values(routes).flatMap((declared) => declared ?? []);
  for (const [app, declared] of Object.entries(routes)) {
    for (const route of declared ?? []) {
      const at = `${route.method.toUpperCase()} ${route.path}`;
      if (route.service !== name) problems.push(`${at} names service "${route.service}"`);
      if (route.app !== app) problems.push(`${at} is served by ${route.app}, listed under ${app}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`service ${name}: ${problems.join('; ')}`);
  }
  return Object.freeze({ ...declaration, source: `/${name}`, allRoutes: Object.freeze(allRoutes) });
}
