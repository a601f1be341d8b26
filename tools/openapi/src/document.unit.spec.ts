import SwaggerParser from '@apidevtools/swagger-parser';
import { z } from 'zod';
import type { ApiRoute } from './api-route';
import { buildOpenApiDocument } from './document';

const validate = (document: unknown) =>
  SwaggerParser.validate(structuredClone(document) as Parameters<typeof SwaggerParser.validate>[0]);

describe('buildOpenApiDocument', () => {
  it('produces a valid, empty OpenAPI 3.1 document when no routes are declared', async () => {
    const document = buildOpenApiDocument([], '1.2.3');

    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('1.2.3');
    expect(document.paths).toEqual({});
    await expect(validate(document)).resolves.toBeDefined();
  });

  it('renders path and query parameters, the body and the responses of a route', async () => {
    const route: ApiRoute = {
      method: 'post',
      path: '/things/{id}/rename',
      operationId: 'renameThing',
      summary: 'Rename a thing',
      tags: ['things'],
      params: z.object({ id: z.string() }),
      query: z.object({ dryRun: z.boolean().optional() }),
      body: z.object({ name: z.string().min(1) }).strict(),
      responses: {
        200: { description: 'Renamed', body: z.object({ id: z.string(), name: z.string() }) },
        404: { description: 'Unknown thing' },
      },
    };

    const document = buildOpenApiDocument([route], '0.0.0');

    const operation = document.paths['/things/{id}/rename']?.post as Record<string, unknown>;
    expect(operation.operationId).toBe('renameThing');
    expect(operation.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'dryRun', in: 'query', required: false, schema: { type: 'boolean' } },
    ]);
    expect(operation.requestBody).toMatchObject({
      content: {
        'application/json': {
          schema: { type: 'object', required: ['name'], additionalProperties: false },
        },
      },
    });
    expect(Object.keys(operation.responses as object)).toEqual(['200', '404']);
    await expect(validate(document)).resolves.toBeDefined();
  });

  it('orders paths so that the generated file is stable', () => {
    const route = (path: string): ApiRoute => ({
      method: 'get',
      path,
      operationId: path,
      summary: path,
      tags: [],
      responses: { 200: { description: 'ok' } },
    });

    const document = buildOpenApiDocument([route('/b'), route('/a')], '0.0.0');

    expect(Object.keys(document.paths)).toEqual(['/a', '/b']);
  });
});
