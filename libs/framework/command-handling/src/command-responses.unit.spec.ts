import { z } from 'zod';
import { commandResponses } from './command-responses';

describe('commandResponses', () => {
  const resource = z.object({ id: z.string() });
  const thingReasons = { alreadyClosed: 'already_closed', notOpen: 'not_open' } as const;
  const { changed, commandProblems, refused } = commandResponses('thing', resource, thingReasons);

  it('answers a success with the resource and its ETag', () => {
    const response = changed('Closed');

    expect(response.description).toBe('Closed');
    expect(response.body).toBe(resource);
    expect(Object.keys(response.headers)).toEqual(['ETag']);
  });

  it('names the aggregate in its 404 and 409', () => {
    expect(Object.keys(commandProblems)).toEqual(['400', '401', '404', '409']);
    expect(commandProblems[404].description).toBe('No thing with this id (reason thing_not_found)');
    expect(commandProblems[409].description).toMatch(/^Concurrent writes to this thing /);
  });

  it("lists a 422's reasons from the domain's enum, plus a reused key", () => {
    const response = refused(thingReasons.alreadyClosed, thingReasons.notOpen);

    expect(response.reasons).toEqual(['already_closed', 'not_open', 'idempotency_key_reused']);
    expect(response.description).toBe(
      "Refused by the thing's rules (reason already_closed, not_open, idempotency_key_reused)",
    );
    // @ts-expect-error only the thing's own reasons
    expect(refused('no_such_reason').reasons).toHaveLength(2);
  });
});
