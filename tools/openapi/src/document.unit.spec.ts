import SwaggerParser from '@apidevtools/swagger-parser';
import { linkTo, type ApiRoute } from '@cqrs/framework-core';
import { z } from 'zod';
import { buildOpenApiDocument } from './document';

const validate = (document: unknown) =>
  SwaggerParser.validate(structuredClone(document) as Parameters<typeof SwaggerParser.validate>[0]);

/** A minimal public route; tests override what they are about. */
const route = (overrides: Partial<ApiRoute> = {}): ApiRoute => ({
  service: 'things',
  app: 'qryh',
  exposure: 'public',
  method: 'get',
  path: '/things',
  operationId: 'listThings',
  summary: 'List things',
  tags: ['things'],
  auth: 'none',
  responses: { 200: { description: 'ok' } },
  ...overrides,
});

const operationOf = (
  document: ReturnType<typeof buildOpenApiDocument>,
  path: string,
  method: string,
) => document.paths[path]?.[method] as Record<string, unknown> | undefined;

describe('buildOpenApiDocument', () => {
  it('produces a valid, empty OpenAPI 3.1 document when no routes are declared', async () => {
    const document = buildOpenApiDocument([], '1.2.3');

    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe('1.2.3');
    expect(document.paths).toEqual({});
    await expect(validate(document)).resolves.toBeDefined();
  });

  it('renders path and query parameters, the body and the responses of a route', async () => {
    const rename = route({
      app: 'cmdh',
      method: 'post',
      path: '/things/{id}/rename',
      operationId: 'renameThing',
      summary: 'Rename a thing',
      params: z.object({ id: z.string() }),
      query: z.object({ dryRun: z.boolean().optional() }),
      body: z.object({ name: z.string().min(1) }).strict(),
      responses: {
        200: { description: 'Renamed', body: z.object({ id: z.string(), name: z.string() }) },
        404: { description: 'Unknown thing' },
      },
    });

    const document = buildOpenApiDocument([rename], '0.0.0');

    const operation = operationOf(document, '/things/{id}/rename', 'post');
    expect(operation?.operationId).toBe('renameThing');
    expect(operation?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'dryRun', in: 'query', required: false, schema: { type: 'boolean' } },
    ]);
    expect(operation?.requestBody).toMatchObject({
      content: {
        'application/json': {
          schema: { type: 'object', required: ['name'], additionalProperties: false },
        },
      },
    });
    expect(Object.keys(operation?.responses as object)).toEqual(['200', '404']);
    await expect(validate(document)).resolves.toBeDefined();
  });

  it('leaves internal routes out', async () => {
    const internal = route({ exposure: 'internal', path: '/internal/things', operationId: 'sync' });

    const document = buildOpenApiDocument([route(), internal], '0.0.0');

    expect(Object.keys(document.paths)).toEqual(['/things']);
    expect(JSON.stringify(document)).not.toContain('/internal/things');
    await expect(validate(document)).resolves.toBeDefined();
  });

  it('requires a bearer token only on bearer routes', async () => {
    const secured = route({ path: '/secured', operationId: 'secured', auth: 'bearer' });
    const open = route({ path: '/open', operationId: 'open', auth: 'none' });

    const document = buildOpenApiDocument([secured, open], '0.0.0');

    expect(operationOf(document, '/secured', 'get')?.security).toEqual([{ bearer: [] }]);
    expect(operationOf(document, '/open', 'get')).not.toHaveProperty('security');
    expect(document.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    await expect(validate(document)).resolves.toBeDefined();
  });

  it('renders request headers as header parameters, leaving out those described elsewhere', async () => {
    const block = route({
      app: 'cmdh',
      method: 'put',
      path: '/things/{id}',
      operationId: 'replaceThing',
      params: z.object({ id: z.string() }),
      headers: z.object({
        'if-match': z.string(),
        'idempotency-key': z.uuid().optional(),
        authorization: z.string().optional(),
      }),
      responses: { 204: { description: 'Replaced' } },
    });

    const document = buildOpenApiDocument([block], '0.0.0');

    const parameters = operationOf(document, '/things/{id}', 'put')?.parameters;
    expect(parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'if-match', in: 'header', required: true, schema: { type: 'string' } },
      expect.objectContaining({ name: 'idempotency-key', in: 'header', required: false }),
    ]);
    await expect(validate(document)).resolves.toBeDefined();
  });

  it('renders response headers and problem details for error statuses', async () => {
    const read = route({
      path: '/things/{id}',
      operationId: 'getThing',
      params: z.object({ id: z.string() }),
      responses: {
        200: {
          description: 'The thing',
          body: z.object({ id: z.string() }),
          headers: { ETag: 'The version of the thing' },
        },
        404: { description: 'Unknown thing' },
        503: { description: 'Try again later' },
      },
    });

    const document = buildOpenApiDocument([read], '0.0.0');

    const responses = operationOf(document, '/things/{id}', 'get')?.responses as Record<
      string,
      unknown
    >;
    expect(responses['200']).toMatchObject({
      headers: { ETag: { description: 'The version of the thing', schema: { type: 'string' } } },
      content: { 'application/json': { schema: { type: 'object' } } },
    });
    for (const status of ['404', '503']) {
      expect(responses[status]).toMatchObject({
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      });
    }
    await expect(validate(document)).resolves.toBeDefined();
  });

  it("documents a problem's declared reasons as an enum of its reason", async () => {
    const refused = { description: 'Refused', reasons: ['not_open', 'idempotency_key_reused'] };
    const document = buildOpenApiDocument(
      [route({ responses: { 200: { description: 'ok' }, 422: refused } })],
      '1.0.0',
    );

    const responses = operationOf(document, '/things', 'get')?.responses as Record<
      string,
      { content: Record<string, { schema: unknown }> }
    >;
    expect(responses['422']?.content['application/problem+json']?.schema).toEqual({
      allOf: [
        { $ref: '#/components/schemas/Problem' },
        {
          type: 'object',
          properties: { reason: { type: 'string', enum: ['not_open', 'idempotency_key_reused'] } },
          required: ['reason'],
        },
      ],
    });
    await expect(validate(document)).resolves.toBeDefined();
  });

  it('orders paths so that the generated file is stable', () => {
    const at = (path: string) => route({ path, operationId: path });

    const document = buildOpenApiDocument([at('/b'), at('/a')], '0.0.0');

    expect(Object.keys(document.paths)).toEqual(['/a', '/b']);
  });
  it('documents an email by the pattern zod enforces, without a format that disagrees', async () => {
    // Arrange
    const email = z.string().max(254).check(z.email());
    const register = route({
      method: 'post',
      operationId: 'registerThing',
      body: z.object({ email }),
      responses: {
        201: { description: 'Created', body: z.object({ email, at: z.iso.datetime() }) },
      },
    });

    // Act
    const document = buildOpenApiDocument([register], '0.0.0');

    // Assert
    const operation = operationOf(document, '/things', 'post') as {
      requestBody: { content: { 'application/json': { schema: { properties: object } } } };
      responses: { 201: { content: { 'application/json': { schema: { properties: object } } } } };
    };
    const documented = {
      request: operation.requestBody.content['application/json'].schema.properties,
      response: operation.responses[201].content['application/json'].schema.properties,
    };
    const asDocumented = { type: 'string', maxLength: 254, pattern: z.regexes.email.source };
    expect(documented.request).toEqual({ email: asDocumented });
    expect(documented.response).toMatchObject({
      email: asDocumented,
      at: { format: 'date-time' },
    });
    expect(documented.response).not.toHaveProperty('email.format');
    await expect(validate(document)).resolves.toBeDefined();
  });

  it('renders the links of a response, for clients and stateful tests to follow', async () => {
    // Arrange
    const get = route({
      path: '/things/{id}',
      operationId: 'getThing',
      params: z.object({ id: z.string() }),
    });
    const create = route({
      method: 'post',
      operationId: 'createThing',
      responses: {
        201: {
          description: 'Created',
          body: z.object({ id: z.string() }),
          links: { GetThing: linkTo(get, { 'path.id': '$response.body#/id' }) },
        },
      },
    });

    // Act
    const document = buildOpenApiDocument([create, get], '0.0.0');

    // Assert
    const responses = operationOf(document, '/things', 'post')?.responses as Record<
      string,
      { links?: unknown }
    >;
    expect(responses['201']?.links).toEqual({
      GetThing: { operationId: 'getThing', parameters: { 'path.id': '$response.body#/id' } },
    });
    await expect(validate(document)).resolves.toBeDefined();
  });

  it('refuses a link to an operation that is not in the document', () => {
    // Arrange
    const internal = route({ exposure: 'internal', operationId: 'internalThing' });
    const linking = route({
      responses: { 200: { description: 'ok', links: { Next: linkTo(internal, {}) } } },
    });

    // Act
    const build = () => buildOpenApiDocument([linking, internal], '0.0.0');

    // Assert
    expect(build).toThrow(/listThings 200 links \(Next\) to internalThing/);
  });
});
