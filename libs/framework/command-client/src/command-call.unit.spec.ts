import { z } from 'zod';
import { defineRoute } from '@cqrs/framework-core';
import { callOf } from './command-call';

const route = {
  service: 'things',
  app: 'cmdh',
  exposure: 'internal',
  operationId: 'renameThing',
  summary: 'Rename a thing',
  tags: [],
  auth: 'bearer',
  responses: {},
} as const;

const renameRoute = defineRoute({
  ...route,
  method: 'post',
  path: '/internal/things/{id}/parts/{partId}/rename',
  params: z.object({ id: z.string().min(1), partId: z.string().min(1) }),
  body: z.object({ name: z.string().min(1) }),
});

const archiveRoute = defineRoute({
  ...route,
  operationId: 'archiveThing',
  method: 'delete',
  path: '/internal/things/{id}',
  params: z.object({ id: z.string().min(1) }),
});

describe('callOf', () => {
  it("fills the route's path parameters in, URL-encoded, and keeps the body", () => {
    const call = callOf(renameRoute, {
      params: { id: 'a/b', partId: 'p 1' },
      body: { name: 'new' },
    });

    expect(call).toEqual({
      method: 'POST',
      path: '/internal/things/a%2Fb/parts/p%201/rename',
      body: { name: 'new' },
    });
  });

  it('sends no body for a route that declares none', () => {
    expect(callOf(archiveRoute, { params: { id: 't-1' } })).toEqual({
      method: 'DELETE',
      path: '/internal/things/t-1',
    });
  });

  it('refuses parameters or a body that do not fit the declaration, naming the route', () => {
    const badParams = { params: { id: '', partId: 'p' }, body: { name: 'n' } };
    const badBody = { params: { id: 't', partId: 'p' }, body: { name: '' } };

    expect(() => callOf(renameRoute, badParams)).toThrow(/^renameThing: params does not fit/);
    expect(() => callOf(renameRoute, badBody)).toThrow(/^renameThing: body does not fit/);
  });

  it('types the input from the declaration', () => {
    const typed = () => {
      // @ts-expect-error the body of renameThing needs a name
      callOf(renameRoute, { params: { id: 't', partId: 'p' }, body: { title: 'x' } });
      // @ts-expect-error archiveThing's parameter is `id`
      callOf(archiveRoute, { params: { thingId: 't' } });
    };

    expect(typed).toThrow();
  });
});
