import { z } from 'zod';
import { commandResponses } from './command-responses';

describe('commandResponses', () => {
  const resource = z.object({ id: z.string() });
  const { changed, commandProblems, refused } = commandResponses('thing', resource);

  it('answers a success with the resource and its ETag', () => {
    const response = changed('Closed');

    expect(response.description).toBe('Closed');
    expect(response.body).toBe(resource);
    expect(Object.keys(response.headers)).toEqual(['ETag']);
  });

  it('names the aggregate in its 404, 409 and 422', () => {
    expect(Object.keys(commandProblems)).toEqual(['400', '401', '404', '409']);
    expect(commandProblems[404].description).toBe('No thing with this id (reason thing_not_found)');
    expect(commandProblems[409].description).toMatch(/^Concurrent writes to this thing /);
    expect(refused('already_closed').description).toBe(
      "Refused by the thing's rules (reason already_closed or idempotency_key_reused)",
    );
  });
});
