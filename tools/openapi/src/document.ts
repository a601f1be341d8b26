import type { ApiRoute, RouteResponse } from '@cqrs/framework-core';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

const schemaOf = (type: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(type, {
    io: 'input',
    unrepresentable: 'any',
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

/** One response: JSON for successes, problem details for 4xx/5xx, plus its headers. */
function response(status: number, declared: RouteResponse) {
  const mediaType = status >= 400 ? 'application/problem+json' : 'application/json';
  const schema = declared.body ? schemaOf(declared.body) : status >= 400 ? problem : undefined;
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
  };
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
 * gateway). Errors are RFC 9457 problem details; paths are sorted so the output is stable.
 */
export function buildOpenApiDocument(routes: readonly ApiRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes
    .filter((r) => r.exposure === 'public')
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))) {
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
