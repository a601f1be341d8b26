import { deriveId } from '@cqrs/framework-command-handling';
import type { EventCommand } from './command-call';
import { idempotencyKeyFor, invalidCommandCalls } from './command-call';

const call = (key: string, path = '/internal/x'): EventCommand => ({ method: 'POST', path, key });

describe('idempotencyKeyFor', () => {
  it('derives the key from the event id and the command key in the evh namespace', () => {
    const key = idempotencyKeyFor({ id: 'c-1:3' }, 'hold');

    expect(key).toBe(deriveId('evh', 'c-1:3:hold'));
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives a redelivered event the same key, and other events or commands other keys', () => {
    const first = idempotencyKeyFor({ id: 'c-1:3' }, 'hold');

    expect(idempotencyKeyFor({ id: 'c-1:3' }, 'hold')).toBe(first);
    expect(idempotencyKeyFor({ id: 'c-1:4' }, 'hold')).not.toBe(first);
    expect(idempotencyKeyFor({ id: 'c-1:3' }, 'standing')).not.toBe(first);
  });
});

describe('invalidCommandCalls', () => {
  it('accepts no commands, and commands with distinct keys and absolute paths', () => {
    expect(invalidCommandCalls([])).toBeUndefined();
    expect(invalidCommandCalls([call('hold'), call('standing')])).toBeUndefined();
  });

  it('refuses two commands sharing a key, which would share an Idempotency-Key', () => {
    expect(invalidCommandCalls([call('hold'), call('hold')])).toMatch(/share the key hold/);
  });

  it('refuses an empty key and a relative path', () => {
    expect(invalidCommandCalls([call('')])).toMatch(/empty key/);
    expect(invalidCommandCalls([call('hold', 'internal/x')])).toMatch(/does not start with \//);
  });
});
