import { z } from 'zod';
import type { ApiRoute } from './api-route';

type JsonSchema = Record<string, unknown>;

const schemaOf = (type: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(type, {
    io: 'input',
    unrepresentable: 'any',
  });
  return schema;
};

function parameters(route: ApiRoute) {
  const fromObject = (where: 'path' | 'query', object: z.ZodObject | undefined) =>
    Object.entries(object?.shape ?? {}).map(([name, type]) => ({
      name,
      in: where,
      required: where === 'path' || !(type as z.ZodType).safeParse(undefined).success,
      schema: schemaOf(type as z.ZodType),
    }));
  return [...fromObject('path', route.params), ...fromObject('query', route.query)];
}

const problem = { $ref: '#/components/schemas/Problem' };

/**
 * Builds the combined OpenAPI 3.1 document from every service's route declarations. Errors are
 * RFC 9457 problem details; paths are sorted so the output is stable.
 */
export function buildOpenApiDocument(routes: readonly ApiRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...routes].sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  )) {
    const params = parameters(route);
    (paths[route.path] ??= {})[route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: route.tags,
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
        Object.entries(route.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.body ? { content: { 'application/json': { schema: schemaOf(r.body) } } } : {}),
          },
        ]),
      ),
    };
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
