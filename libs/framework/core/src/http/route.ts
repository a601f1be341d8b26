import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The technical role of the app that serves a route (DESIGN section 1). */
export const appRoles = ['cmdh', 'qryh', 'evp', 'evh', 'extevp', 'extevh', 'chgh'] as const;

export type AppRole = (typeof appRoles)[number];

/**
 * An OpenAPI link: how a response feeds another operation (so clients and stateful API tests
 * can follow it), e.g. `{ operationId: 'getCustomer', parameters: { 'path.id':
 * '$response.body#/id' } }`. Build it with `linkTo`, which reads the target's operation id.
 */
export interface RouteLink {
  readonly operationId: string;
  /** `path.<name>`, `query.<name>` or `header.<name>` -> an OpenAPI runtime expression. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly description?: string;
}

/** A response of a route: its description and, unless it has no body, the body schema. */
export interface RouteResponse {
  readonly description: string;
  readonly body?: z.ZodType;
  /** A problem's possible `reason`s (documented as an enum of the problem's `reason`). */
  readonly reasons?: readonly string[];
  /** Response headers the route sets, name -> description (e.g. `ETag`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Operations this response leads to, link name -> link (OpenAPI `links`). */
  readonly links?: Readonly<Record<string, RouteLink>>;
}

/**
 * One route of the combined API, declared once in a service's shared lib. The app that serves it
 * mounts its handler from it, the gateway routes by it and `openapi.yaml` is generated from it.
 */
export interface ApiRoute {
  /** The service that owns the route, e.g. `customers`. */
  readonly service: string;
  /** The one app of that service that serves it. */
  readonly app: AppRole;
  /**
   * `public` routes go through the gateway and into `openapi.yaml`; `internal` ones are called
   * service to service only (the gateway never exposes them).
   */
  readonly exposure: 'public' | 'internal';
  readonly method: HttpMethod;
  /** OpenAPI style, e.g. `/customers/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** `bearer`: a valid JWT is required; `none`: anyone (e.g. signed provider webhooks). */
  readonly auth: 'bearer' | 'none';
  /** Roles of which the actor needs at least one; checked at the edge (e.g. `service`). */
  readonly roles?: readonly string[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** Request headers the route reads, name (lower case) -> schema, e.g. `if-match`. */
  readonly headers?: z.ZodObject;
  readonly body?: z.ZodType;
  /**
   * `true`: the JSON body is read as bytes and handed to the handler as `rawBody`, neither
   * parsed nor validated, for signatures computed over the exact bytes (provider webhooks); the
   * handler checks it and then validates it itself. `body` then only documents it.
   */
  readonly rawBody?: boolean;
  /** Status code -> response. */
  readonly responses: Readonly<Record<number, RouteResponse>>;
}

/** Declares a route, keeping its literal types so handlers can be typed from it. */
export const defineRoute = <const R extends ApiRoute>(route: R): R => route;

type LinkedPart<R extends ApiRoute> =
  | `path.${keyof NonNullable<R['params']>['shape'] & string}`
  | `query.${keyof NonNullable<R['query']>['shape'] & string}`
  | `header.${keyof NonNullable<R['headers']>['shape'] & string}`;

/**
 * A link to `target`, with parameters named as its declaration names them (`path.id`,
 * `query.cursor`, `header.if-match`), so a renamed parameter breaks the build, not the link.
 */
export const linkTo = <R extends ApiRoute>(
  target: R,
  parameters: Partial<Record<LinkedPart<R>, string>>,
  description?: string,
): RouteLink => ({
  operationId: target.operationId,
  parameters: parameters as Record<string, string>,
  ...(description === undefined ? {} : { description }),
});

/**
 * `route` with `links` added to its `status` response: for links a route cannot name while it
 * is being declared (to itself, e.g. its next page, or to routes declared after it).
 */
export const withLinks = <const R extends ApiRoute>(
  route: R,
  status: keyof R['responses'] & number,
  links: Readonly<Record<string, RouteLink>>,
): R => {
  const response: RouteResponse = route.responses[status];
  return {
    ...route,
    responses: {
      ...route.responses,
      [status]: { ...response, links: { ...response.links, ...links } },
    },
  };
};

/**
 * The link of a keyset-paged list to its own next page: the same path parameters, `cursor`
 * from the page's `nextCursor`.
 */
export const nextPageLink = (list: ApiRoute): RouteLink => ({
  operationId: list.operationId,
  parameters: {
    ...Object.fromEntries(
      Object.keys(list.params?.shape ?? {}).map((name) => [
        `path.${name}`,
        `$request.path.${name}`,
      ]),
    ),
    'query.cursor': '$response.body#/nextCursor',
  },
  description: 'The next page',
});
