import { randomUUID } from 'node:crypto';
import { commandIdFromKey } from '@cqrs/framework-command-handling';
import type { Reply } from '@cqrs/framework-core/testing';
import { outcomeOf, waitUntil } from '@cqrs/framework-core/testing';
import { recordWrites } from '@cqrs/framework-mongo/testing';
import { actors, cmdhForFile, customerOf, uniqueEmail } from './testing/cmdh-under-test';

const { cmdh, api } = cmdhForFile();

const stored = (id: string) => cmdh.customers.findOne({ _id: id });
const replayed = (reply: Reply) => reply.headers.get('idempotent-replayed') === 'true';

describe('customers-cmdh under concurrent commands', () => {
  it('gives every one of 50 concurrent accepted PATCHes exactly one event, in consecutive versions', async () => {
    // Arrange
    const id = await api.registered({ name: 'Name 0' });
    const writes = await recordWrites(cmdh.customers);
    const requests = Array.from({ length: 50 }, (_, i) => ({
      key: randomUUID(),
      name: `Name ${i + 1}`,
    }));

    // Act
    const replies = await Promise.all(
      requests.map(({ key, name }) => api.patch(id, { name }, { key })),
    );

    // Assert: every answer is an acceptance or a conflict, and none is a replay.
    try {
      expect(replies.filter((r) => r.status !== 200 && r.status !== 409).map(outcomeOf)).toEqual(
        [],
      );
      expect(replies.filter(replayed)).toEqual([]);
      const accepted = replies.filter((r) => r.status === 200);
      const refused = replies.filter((r) => r.status === 409);
      expect(accepted.length).toBeGreaterThan(0);
      const final = await stored(id);
      expect(final?.version).toBe(1 + accepted.length);

      // The change stream saw one write per accepted command, and nothing else.
      const finalVersion = final?.version ?? 0;
      await waitUntil(() => {
        writes.check();
        return writes.written.some((d) => d._id === id && d.version === finalVersion);
      }, `the change stream reached version ${finalVersion}`);
      const events = writes.written.filter((d) => d._id === id).map((d) => d.lastEvent);
      const commandIdOf = (reply: Reply) => commandIdFromKey(actors.clerk, reply.key ?? '');
      expect(events.map((e) => e.version)).toEqual(
        Array.from({ length: accepted.length }, (_, i) => i + 2),
      );
      expect(new Set(events.map((e) => e.commandId)).size).toBe(events.length);
      expect(new Set(events.map((e) => e.commandId))).toEqual(new Set(accepted.map(commandIdOf)));

      // Each accepted answer describes exactly the write its own command made.
      for (const reply of accepted) {
        const { version, name } = customerOf(reply);
        expect(reply.headers.get('etag')).toBe(`"${version}"`);
        expect(events[version - 2]).toMatchObject({
          commandId: commandIdOf(reply),
          data: { name },
        });
      }
      // A refused command left no trace.
      const known = new Set(final?.processedCommands.map((c) => c.commandId));
      expect(refused.map(commandIdOf).filter((c) => known.has(c))).toEqual([]);
      expect(refused.map(outcomeOf)).toEqual(
        refused.map(() => ({ status: 409, reason: 'version_mismatch' })),
      );
      expect(final?.name).toBe(events.at(-1)?.data.name);
    } finally {
      await writes.close();
    }
  });

  it('applies 20 concurrent copies of one PATCH (same key and body) once, replaying it for the rest', async () => {
    // Arrange
    const id = await api.registered({ name: 'Before' });
    const key = randomUUID();

    // Act
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => api.patch(id, { name: 'After' }, { key })),
    );

    // Assert
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    expect(replies.filter((r) => !replayed(r))).toHaveLength(1);
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await stored(id)).toMatchObject({
      version: 2,
      name: 'After',
      lastEvent: { commandId: commandIdFromKey(actors.clerk, key) },
    });
  });

  it('registers one customer for 20 concurrent copies of one registration', async () => {
    // Arrange
    const key = randomUUID();
    const body = { name: 'Concurrent Cleo', email: uniqueEmail('cleo') };

    // Act
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => api.register(body, { key })),
    );

    // Assert
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    expect(replies.filter((r) => !replayed(r))).toHaveLength(1);
    expect(new Set(replies.map((r) => r.headers.get('location'))).size).toBe(1);
    const customers = await cmdh.customers.find({ email: body.email }).toArray();
    expect(customers.map((c) => c.version)).toEqual([1]);
  });

  it('accepts exactly one of 20 concurrent PATCHes with the same If-Match; the rest get 412', async () => {
    // Arrange
    const id = await api.registered({ name: 'Start' });

    // Act
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.patch(id, { name: `Racer ${i}` }, { ifMatch: '"1"' }),
      ),
    );

    // Assert
    const winners = replies.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(replies.filter((r) => r.status !== 200).map(outcomeOf)).toEqual(
      Array.from({ length: 19 }, () => ({ status: 412, reason: 'stale_version' })),
    );
    expect(await stored(id)).toMatchObject({ version: 2, name: customerOf(winners[0]!).name });
  });

  it('registers exactly one of 10 concurrent customers with the same email; the rest get 409', async () => {
    // Arrange
    const email = uniqueEmail('race');

    // Act
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.register({ name: `Racer ${i}`, email })),
    );

    // Assert
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status !== 201).map(outcomeOf)).toEqual(
      Array.from({ length: 9 }, () => ({ status: 409, reason: 'email_taken' })),
    );
    expect(await cmdh.customers.countDocuments({ email })).toBe(1);
  });
});
