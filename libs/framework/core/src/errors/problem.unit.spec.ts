import { z } from 'zod';
import { AppError } from './app-error';
import { fieldErrors, toProblem } from './problem';

describe('toProblem', () => {
  it('keeps the code, message and details of an AppError', () => {
    const error = new AppError('rule_violated', 'The customer has open orders.', {
      details: { reason: 'open_orders', openOrders: 2 },
    });

    expect(toProblem(error, '/customers/c1/close')).toEqual({
      type: 'https://cqrs.dev/problems/rule_violated',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'The customer has open orders.',
      instance: '/customers/c1/close',
      reason: 'open_orders',
      openOrders: 2,
    });
  });

  it('never lets details overwrite the standard members', () => {
    const error = new AppError('not_found', 'No such customer.', {
      details: { status: 200, type: 'x', reason: 'gone' },
    });

    expect(toProblem(error, '/c')).toMatchObject({
      status: 404,
      type: 'https://cqrs.dev/problems/not_found',
      reason: 'gone',
    });
  });

  it('reports fieldErrors one entry per invalid field', () => {
    const result = z.object({ name: z.string(), age: z.number().int() }).safeParse({ age: 1.5 });

    expect(fieldErrors(result.error!)).toEqual([
      { path: 'name', message: expect.stringContaining('expected string') as unknown },
      { path: 'age', message: expect.stringContaining('int') as unknown },
    ]);
  });

  it('treats a bare zod error (stored data breaking its schema) as internal, without details', () => {
    const result = z.object({ name: z.string() }).safeParse({ name: 1 });

    expect(toProblem(result.error, '/things')).toEqual({
      type: 'https://cqrs.dev/problems/internal',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
      instance: '/things',
    });
  });

  it('hides the message and stack of an unknown error', () => {
    const error = new Error('connect ECONNREFUSED 10.0.0.7:27017 password=hunter2');

    const problem = toProblem(error, '/orders');

    expect(problem).toEqual({
      type: 'https://cqrs.dev/problems/internal',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
      instance: '/orders',
    });
    expect(JSON.stringify(problem)).not.toContain('ECONNREFUSED');
  });

  it('treats thrown non-errors as internal too', () => {
    expect(toProblem('boom', '/x')).toMatchObject({
      status: 500,
      detail: 'An unexpected error occurred.',
    });
  });
});
