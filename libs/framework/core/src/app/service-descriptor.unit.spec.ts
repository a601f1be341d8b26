import type { ApiRoute } from '../http/route';
import { defineService } from './service-descriptor';

const route = (service: string, app: ApiRoute['app'], path: string) =>
  ({ service, app, method: 'get', path }) as ApiRoute;

const things = {
  name: 'things',
  writeModel: 'things',
  eventsTopic: 'things.events.v1',
};

describe('defineService', () => {
  it('derives the events source and every route, app after app', () => {
    const a = route('things', 'cmdh', '/things');
    const b = route('things', 'qryh', '/things/{id}');

    const service = defineService({ ...things, routes: { cmdh: [a], qryh: [b] } });

    expect(service).toMatchObject({ name: 'things', source: '/things' });
    expect('consumedTopic' in service).toBe(false);
    expect(service.allRoutes).toEqual([a, b]);
  });

  it('refuses a route of another service or listed under another app, naming each', () => {
    const define = () =>
      defineService({
        ...things,
        routes: { cmdh: [route('others', 'cmdh', '/others'), route('things', 'qryh', '/things')] },
      });

    expect(define).toThrow(
      'service things: GET /others names service "others"; ' +
        'GET /things is served by qryh, listed under cmdh',
    );
  });

  it('refuses a name that cannot prefix app names', () => {
    expect(() => defineService({ ...things, name: 'Things-2', routes: {} })).toThrow(
      'name "Things-2" is not a lowercase word',
    );
  });
});
