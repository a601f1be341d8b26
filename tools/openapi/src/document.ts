import type { ApiRoute, RouteResponse } from '@cqrs/framework-core';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * Drops `format: email` where zod also wrote its email `pattern`: the pattern is what the
 * handlers enforce, and JSON Schema tools read the format more strictly (they refuse addresses
 * the pattern admits), so a document with both would call valid requests and responses invalid.
 */
const patternOverEmailFormat: NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override'] = ({
  jsonSchema,
}) => {
  if (jsonSchema.format === 'email' && jsonSchema.pattern !== undefined) delete jsonSchema.format;
};

const schemaOf = (type: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(type, {
    io: 'input',
    unrepresentable: 'any',
    override: patternOverEmailFormat,
  });
  return schema;
};

// OpenAPI ignores header parameters with these names; they are described elsewhere
// (content types by the request body and responses, Authorization by `security`).
const describedElsewhere = new Set(['accept', 'content-type', 'authorization']);

function parameters(route: ApiRoute) {
  const fromObject = (where: 'path' | 'query' | 'header', object: z.ZodObject | undefined) =>
    Object.entries(object?.shape ?? {})
      .filter(([name]) => where !== 'header' || !describedElsewhere.has(name.toLowerCase()))
      .map(([name, type]) => ({
        name,
        in: where,
        required: where === 'path' || !(type as z.ZodType).safeParse(undefined).success,
        schema: schemaOf(type as z.ZodType),
      }));
  return [
    ...fromObject('path', route.params),
    ...fromObject('query', route.query),
    ...fromObject('header', route.headers),
  ];
}

const problem = { $ref: '#/components/schemas/Problem' };

/** Problem details, with the `reason`s a response can give when it declares them. */
const problemWith = (reasons: readonly string[] | undefined) =>
  reasons === undefined
    ? problem
    : {
        allOf: [
          problem,
          {
            type: 'object',
            properties: { reason: { type: 'string', enum: [...reasons] } },
            required: ['reason'],
          },
        ],
      };

/** One response: JSON for successes, problem details for 4xx/5xx, plus its headers. */
function response(status: number, declared: RouteResponse) {
  const mediaType = status >= 400 ? 'application/problem+json' : 'application/json';
  const schema = declared.body
    ? schemaOf(declared.body)
    : status >= 400
      ? problemWith(declared.reasons)
      : undefined;
  const headers = Object.entries(declared.headers ?? {});
  return {
    description: declared.description,
    ...(headers.length > 0
      ? {
          headers: Object.fromEntries(
            headers.map(([name, description]) => [
              name,
              { description, schema: { type: 'string' } },
            ]),
          ),
        }
      : {}),
    ...(schema ? { content: { [mediaType]: { schema } } } : {}),
    ...(declared.links ? { links: declared.links } : {}),
  };
}

/** A link to an operation the document does not have would send clients nowhere. */
function checkLinks(routes: readonly ApiRoute[]): void {
  const operationIds = new Set(routes.map((r) => r.operationId));
  for (const route of routes) {
    for (const [status, declared] of Object.entries(route.responses)) {
      for (const [name, link] of Object.entries(declared.links ?? {})) {
        if (!operationIds.has(link.operationId)) {
          throw new Error(
            `${route.operationId} ${status} links (${name}) to ${link.operationId}, which is not a public operation`,
          );
        }
      }
    }
  }
}

function operation(route: ApiRoute) {
  const params = parameters(route);
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: route.tags,
    ...(route.auth === 'bearer' ? { security: [{ bearer: [] }] } : {}),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(route.body) } },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, declared]) => [
        status,
        response(Number(status), declared),
      ]),
    ),
  };
}

/**
 * Builds the combined OpenAPI 3.1 document from every service's route declarations. Only
 * `public` routes are in it (internal ones are called service to service, never through the
 * gateway). Responses carry the declared OpenAPI links, each checked to lead to one of them. Errors are RFC 9457 problem details; paths are sorted so the output is stable.
 */
export function buildOpenApiDocument(routes: readonly ApiRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const published = routes.filter((r) => r.exposure === 'public');
  checkLinks(published);
  for (const route of [...published].sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  )) {
    (paths[route.path] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CQRS+ platform API',
      version,
      description:
        'The one combined REST API of every domain service. Generated; do not edit by hand.',
    },
    paths,
    components: {
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            requestId: {
              type: 'string',
              description: 'The id of the request, as logged by the service that answered',
            },
            errors: {
              type: 'array',
              description: 'The invalid fields of a 400 response',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, message: { type: 'string' } },
                required: ['path', 'message'],
              },
            },
          },
          required: ['type', 'title', 'status'],
        },
      },
      responses: {
        Problem: {
          description: 'Problem details',
          content: { 'application/problem+json': { schema: problem } },
        },
      },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
