import { classifyAnswer, parseRetryAfter } from './command-answer';

const problem = (reason: string, detail: string) =>
  JSON.stringify({ type: 'https://cqrs.dev/problems/rule_violated', title: 'x', reason, detail });

describe('classifyAnswer', () => {
  it.each([200, 201, 204])('takes %i as applied', (status) => {
    expect(classifyAnswer(status, '')).toEqual({ outcome: 'applied', status });
  });

  it.each([400, 401, 403, 404, 409, 412, 422])(
    'takes %i as a refusal a retry cannot change, keeping the problem reason and detail',
    (status) => {
      const answer = classifyAnswer(status, problem('customer_not_active', 'Not active'));

      expect(answer).toEqual({
        outcome: 'refused',
        status,
        reason: 'customer_not_active',
        detail: 'Not active',
      });
    },
  );

  it.each([408, 429, 500, 502, 503, 504])('takes %i as transient', (status) => {
    expect(classifyAnswer(status, '').outcome).toBe('transient');
  });

  it('honours Retry-After on a transient answer', () => {
    const answer = classifyAnswer(503, '', '7');

    expect(answer).toEqual({
      outcome: 'transient',
      status: 503,
      detail: 'HTTP 503',
      retryAfterMs: 7_000,
    });
  });

  it('refuses a redirect: the base URL is wrong, which no retry fixes', () => {
    expect(classifyAnswer(301, '').outcome).toBe('refused');
  });

  it('describes a body that is no problem by its status, and a problem without detail by its title', () => {
    const text = classifyAnswer(422, '<html>nope</html>');
    const titled = classifyAnswer(409, JSON.stringify({ title: 'Conflict' }));

    expect(text).toEqual({ outcome: 'refused', status: 422, detail: 'HTTP 422' });
    expect(titled).toEqual({ outcome: 'refused', status: 409, detail: 'Conflict' });
  });

  it('ignores problem members of the wrong type and cuts a huge detail', () => {
    const answer = classifyAnswer(422, JSON.stringify({ reason: 42, detail: 'x'.repeat(5_000) }));

    expect(answer.outcome === 'refused' && answer.reason).toBeUndefined();
    expect(answer.outcome === 'refused' && answer.detail).toHaveLength(1_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay seconds and HTTP dates', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
  });

  it('takes a date in the past as now, and ignores what it cannot read', () => {
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});
