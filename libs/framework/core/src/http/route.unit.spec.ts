import { z } from 'zod';
import { defineRoute, linkTo, nextPageLink, withLinks, type RouteResponse } from './route';

const list = defineRoute({
  service: 'things',
  app: 'qryh',
  exposure: 'public',
  method: 'get',
  path: '/things/{id}/parts',
  operationId: 'listThingParts',
  summary: 'List parts',
  tags: ['things'],
  auth: 'bearer',
  params: z.object({ id: z.string() }),
  query: z.object({ cursor: z.string().optional() }),
  responses: { 200: { description: 'A page' }, 401: { description: 'No token' } },
});

describe('route links', () => {
  it('links a page to the next one with the same path parameters', () => {
    // Act
    const link = nextPageLink(list);

    // Assert
    expect(link).toEqual({
      operationId: 'listThingParts',
      parameters: { 'path.id': '$request.path.id', 'query.cursor': '$response.body#/nextCursor' },
      description: 'The next page',
    });
  });

  it('adds links to one response and leaves the others alone', () => {
    // Act
    const linked = withLinks(list, 200, {
      Again: linkTo(list, { 'path.id': '$request.path.id' }),
    });

    // Assert
    expect((linked.responses[200] as RouteResponse).links).toEqual({
      Again: { operationId: 'listThingParts', parameters: { 'path.id': '$request.path.id' } },
    });
    expect(linked.responses[401]).toBe(list.responses[401]);
    expect(list.responses[200]).not.toHaveProperty('links');
  });
});
