import { randomUUID } from 'node:crypto';
import { commandCounts, countOf, outcomeOf } from '@cqrs/framework-core/testing';
import { cmdhForFile, customerOf, uniqueEmail } from './testing/cmdh-under-test';

const { cmdh, api } = cmdhForFile();

describe('customers-cmdh probes', () => {
  it('is ready when MongoDB answers', async () => {
    // Act
    const reply = await fetch(`${cmdh.url}/readyz`);

    // Assert
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ ready: true, checks: { mongo: true }, stopping: false });
  });

  it('is live', async () => {
    // Act
    const reply = await fetch(`${cmdh.url}/livez`);

    // Assert
    expect(reply.status).toBe(200);
  });

  it('counts commands by type and outcome: accepted, rejected with the reason, replayed', async () => {
    // Arrange
    const key = randomUUID();
    const body = { name: 'Metered Mia', email: uniqueEmail('mia') };
    const id = customerOf(await api.register(body, { key })).id;
    const registeredAgain = await api.register({ name: 'Metered Max' });
    const replay = await api.register(body, { key });
    const refused = await api.close(id);
    const forbidden = await api.block(id, { as: 'clerk' });

    // Act
    const counts = await commandCounts(cmdh);
    const text = await (await fetch(`${cmdh.url}/metrics`)).text();

    // Assert
    expect([registeredAgain.status, replay.status]).toEqual([201, 201]);
    expect([outcomeOf(refused), outcomeOf(forbidden)]).toEqual([
      { status: 422, reason: 'not_active' },
      { status: 403, reason: 'risk_role_required' },
    ]);
    expect(text).toMatch(/^# TYPE commands_total counter$/m);
    for (const outcome of ['accepted', 'rejected', 'replayed']) {
      expect(text).toMatch(
        new RegExp(`^commands_total\\{[^}]*outcome="${outcome}"[^}]*\\} \\d+$`, 'm'),
      );
    }
    expect({
      accepted: countOf(counts, { command: 'RegisterCustomer', outcome: 'accepted' }),
      replayed: countOf(counts, { command: 'RegisterCustomer', outcome: 'replayed' }),
      notActive: countOf(counts, {
        command: 'CloseCustomer',
        outcome: 'rejected',
        reason: 'not_active',
      }),
      forbidden: countOf(counts, {
        command: 'BlockCustomer',
        outcome: 'rejected',
        reason: 'risk_role_required',
      }),
      rejected: countOf(counts, { outcome: 'rejected' }),
    }).toEqual({ accepted: 2, replayed: 1, notActive: 1, forbidden: 1, rejected: 2 });
    expect(text).toMatch(/^command_duration_seconds_count\{[^}]*command="RegisterCustomer"/m);
  });
});
