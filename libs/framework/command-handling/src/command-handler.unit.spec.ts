import pino from 'pino';
import { AppError } from '@cqrs/framework-core';
import type { AggregateDefinition } from './aggregate';
import { accept, reject } from './aggregate';
import type { AggregateStore } from './aggregate-store';
import type { CommandRequest } from './command-handler';
import { createCommandHandler } from './command-handler';
import type { VersionedDocument } from './stored-event';

type Counter = { id: string; value: number };
type Command = { type: 'Create' } | { type: 'Add'; amount: number };
type Event = { type: 'counter.created.v1' } | { type: 'counter.added.v1'; amount: number };
type CounterDocument = VersionedDocument & { value: number };

const counter: AggregateDefinition<Counter, Command, Event> = {
  name: 'counter',
  decide(state, command) {
    if (command.type === 'Create') {
      return state
        ? reject('conflict', 'already_exists', 'exists')
        : accept({ type: 'counter.created.v1' });
    }
    if (!state) return reject('not_found', 'not_found', 'no such counter');
    if (state.value + command.amount > 10) return reject('rule_violated', 'too_big', 'max 10');
    return accept({ type: 'counter.added.v1', amount: command.amount });
  },
  evolve(state, event) {
    return event.type === 'counter.created.v1'
      ? { id: 'c', value: 0 }
      : { ...state!, value: state!.value + event.amount };
  },
};

/** An in-memory store with the same conflict contract as the Mongo repository. */
class MemoryStore implements AggregateStore<CounterDocument> {
  readonly documents = new Map<string, CounterDocument>();
  /** Versions written behind the handler's back before its next replace (a concurrent writer). */
  interleave: ((document: CounterDocument) => void) | undefined;

  /** Reads and inserts tried, in order. */
  readonly calls: string[] = [];

  find(id: string) {
    this.calls.push('find');
    return Promise.resolve(structuredClone(this.documents.get(id) ?? null));
  }
  insert(document: CounterDocument) {
    this.calls.push('insert');
    if (this.documents.has(document._id)) {
      return Promise.reject(
        new AppError('conflict', 'exists', { details: { reason: 'already_exists' } }),
      );
    }
    this.documents.set(document._id, structuredClone(document));
    return Promise.resolve();
  }
  replace(document: CounterDocument, expectedVersion: number) {
    const current = this.documents.get(document._id)!;
    this.interleave?.(current);
    if (current.version !== expectedVersion) {
      return Promise.reject(
        new AppError('conflict', 'stale', { details: { reason: 'version_mismatch' } }),
      );
    }
    this.documents.set(document._id, structuredClone(document));
    return Promise.resolve();
  }
}

const actor = { sub: 'alice', roles: [] };

function setup() {
  const store = new MemoryStore();
  const handler = createCommandHandler({
    aggregate: counter,
    store,
    toDocument: (state, meta) => ({ _id: 'c', value: state.value, ...meta }),
    fromDocument: (document) => ({ id: document._id, value: document.value }),
    respond: (state, version) => ({
      status: version === 1 ? 201 : 200,
      body: { ...state, version },
    }),
    logger: pino({ level: 'silent' }),
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  let n = 0;
  const run = (command: Command, extra: Partial<CommandRequest<Command>> = {}) =>
    handler.execute({
      aggregateId: 'c',
      command,
      commandId: `cmd-${++n}`,
      fingerprint: JSON.stringify(command),
      actor,
      correlationId: 'corr',
      ...extra,
    });
  return { store, handler, run };
}

describe('command handler', () => {
  it('writes the new state, version and last event in one document', async () => {
    const { store, run } = setup();
    await run({ type: 'Create' });
    const result = await run({ type: 'Add', amount: 3 });

    expect(result).toEqual({
      status: 200,
      body: { id: 'c', value: 3, version: 2 },
      version: 2,
      replayed: false,
    });
    const stored = store.documents.get('c')!;
    expect(stored).toMatchObject({ value: 3, version: 2 });
    expect(stored.lastEvent).toEqual({
      id: 'c:2',
      type: 'counter.added.v1',
      aggregateId: 'c',
      version: 2,
      time: new Date('2026-01-01T00:00:00Z'),
      data: { amount: 3 },
      actor,
      commandId: 'cmd-2',
      correlationId: 'corr',
    });
  });

  it('replays an applied command id with its first result and writes nothing', async () => {
    const { store, run } = setup();
    await run({ type: 'Create' }, { commandId: 'create' });
    await run({ type: 'Add', amount: 1 }, { commandId: 'add-once' });
    await run({ type: 'Add', amount: 1 });

    const replay = await run({ type: 'Add', amount: 1 }, { commandId: 'add-once' });

    expect(replay).toEqual({
      status: 200,
      body: { id: 'c', value: 1, version: 2 },
      version: 2,
      replayed: true,
    });
    expect(store.documents.get('c')).toMatchObject({ value: 2, version: 3 });
  });

  it('replays a command whose body is no longer kept with its status and the resource now', async () => {
    const { store, run } = setup();
    await run({ type: 'Create' }, { commandId: 'create' });
    for (let i = 0; i < 5; i++) await run({ type: 'Add', amount: 1 });
    const stored = store.documents.get('c')!.processedCommands;
    expect(stored.map((p) => p.commandId === 'create' && 'body' in p)).not.toContain(true);

    const replay = await run({ type: 'Create' }, { commandId: 'create' });

    expect(replay).toEqual({
      status: 201,
      body: { id: 'c', value: 5, version: 6 },
      version: 6,
      replayed: true,
    });
    expect(store.documents.get('c')).toMatchObject({ value: 5, version: 6 });
  });

  it('creates with one insert and no read; a command that needs state reads it at once', async () => {
    const { store, run } = setup();
    await run({ type: 'Create' });
    expect(store.calls).toEqual(['insert']);

    store.calls.length = 0;
    await run({ type: 'Add', amount: 2 });
    expect(store.calls).toEqual(['find']);
    expect(store.documents.get('c')).toMatchObject({ value: 2, version: 2 });
  });

  it('decides a create on the stored aggregate when its id is taken: replayed, or refused', async () => {
    const { store, run } = setup();
    const first = await run({ type: 'Create' }, { commandId: 'create' });
    await run({ type: 'Add', amount: 4 });
    store.calls.length = 0;

    expect(await run({ type: 'Create' }, { commandId: 'create' })).toEqual({
      ...first,
      replayed: true,
    });
    expect(store.calls).toEqual(['insert', 'find']);
    await expect(run({ type: 'Create' }, { commandId: 'create-again' })).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'already_exists' },
    });
    expect(store.documents.get('c')).toMatchObject({ value: 4, version: 2 });
  });

  it('refuses a command id reused for a different request', async () => {
    const { run } = setup();
    await run({ type: 'Create' });
    await run({ type: 'Add', amount: 1 }, { commandId: 'k' });

    await expect(run({ type: 'Add', amount: 2 }, { commandId: 'k' })).rejects.toMatchObject({
      code: 'rule_violated',
      details: { reason: 'idempotency_key_reused' },
    });
  });

  it('maps a domain refusal to its error code with the reason', async () => {
    const { store, run } = setup();
    await run({ type: 'Create' });

    await expect(run({ type: 'Add', amount: 11 })).rejects.toMatchObject({
      code: 'rule_violated',
      status: 422,
      details: { reason: 'too_big' },
    });
    await expect(setup().run({ type: 'Add', amount: 1 })).rejects.toMatchObject({ status: 404 });
    expect(store.documents.get('c')!.version).toBe(1);
  });

  it('answers 412 when If-Match names a version that is no longer current', async () => {
    const { run } = setup();
    await run({ type: 'Create' });
    await run({ type: 'Add', amount: 1 });

    await expect(run({ type: 'Add', amount: 1 }, { expectedVersion: 1 })).rejects.toMatchObject({
      code: 'precondition_failed',
      status: 412,
    });
  });

  it('re-decides on fresh state after losing a race to a concurrent write', async () => {
    const { store, run } = setup();
    await run({ type: 'Create' });
    let raced = false;
    store.interleave = (current) => {
      if (raced) return;
      raced = true;
      current.value = 9; // another command got there first
      current.version += 1;
    };

    await expect(run({ type: 'Add', amount: 2 })).rejects.toMatchObject({
      details: { reason: 'too_big' },
    });
    store.interleave = undefined;
    expect(store.documents.get('c')).toMatchObject({ value: 9, version: 2 });
  });

  it('reports a conflict once every attempt lost its race', async () => {
    const { store, run } = setup();
    await run({ type: 'Create' });
    store.interleave = (current) => {
      current.version += 1;
    };

    await expect(run({ type: 'Add', amount: 1 })).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
    });
  });

  it('answers 412 instead of re-deciding when the caller pinned the version', async () => {
    const { store, run } = setup();
    await run({ type: 'Create' });
    store.interleave = (current) => {
      current.version += 1;
    };

    await expect(run({ type: 'Add', amount: 1 }, { expectedVersion: 1 })).rejects.toMatchObject({
      status: 412,
    });
  });
});
