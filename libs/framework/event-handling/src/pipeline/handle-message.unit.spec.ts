import { toKafkaMessage } from '@cqrs/framework-kafka';
import { createLogger } from '@cqrs/framework-core';
import type { CommandAnswer, CommandClient, OutgoingCommand } from '@cqrs/framework-command-client';
import type { RawMessage } from '../parking/parked-event';
import { idempotencyKeyFor } from '../routing/command-call';
import { customerEvent, testRoutes } from '../testing/test-events';
import type { Pipeline } from './handle-message';
import { handleMessage } from './handle-message';

const logger = createLogger({ name: 'test', level: 'silent' });

/** A client answering from a script, then with the last answer forever. */
function scriptedClient(...answers: CommandAnswer[]) {
  const sent: OutgoingCommand[] = [];
  const client: CommandClient = {
    send: (command) => {
      sent.push(command);
      return Promise.resolve(answers[Math.min(sent.length, answers.length) - 1]!);
    },
    close: () => undefined,
  };
  return { client, sent };
}

const applied: CommandAnswer = { outcome: 'applied', status: 200 };
const unavailable: CommandAnswer = { outcome: 'transient', status: 503, detail: 'down' };

const rawOf = (value: string | null, offset = '7'): RawMessage => ({
  topic: 'customers.events.v1',
  partition: 2,
  offset,
  key: 'c-1',
  headers: [],
  value,
});

const control = (attempts = 3, signal = new AbortController().signal) => ({
  retry: { attempts, initialDelayMs: 1, maxDelayMs: 1 },
  heartbeat: jest.fn(() => Promise.resolve()),
  signal,
  random: () => 0,
});

const pipelineWith = (client: CommandClient): Pipeline => ({ routes: testRoutes, client, logger });

describe('handleMessage', () => {
  describe('when the event maps to commands the target applies', () => {
    it('sends them in order with derived keys, the correlation id and the event id', async () => {
      const { client, sent } = scriptedClient(applied);
      const event = customerEvent('customer.blocked.v1', { customerId: 'c-1', reason: 'fraud' });

      const verdict = await handleMessage(
        pipelineWith(client),
        rawOf(toKafkaMessage(event).value),
        control(),
      );

      expect(verdict).toEqual({ kind: 'handled', id: event.id, type: event.type, attempts: 2 });
      expect(sent).toEqual([
        {
          method: 'PUT',
          path: '/internal/standings/c-1',
          body: { status: 'blocked' },
          idempotencyKey: idempotencyKeyFor(event, 'standing'),
          correlationId: event.correlationid,
          requestId: event.id,
        },
        expect.objectContaining({
          method: 'POST',
          path: '/internal/customers/c-1/orders/hold',
          idempotencyKey: idempotencyKeyFor(event, 'hold'),
        }),
      ]);
    });

    it('uses the event id as correlation id when the event has none', async () => {
      const { client, sent } = scriptedClient(applied);
      const event = customerEvent('customer.registered.v1', { customerId: 'c-2' });
      const { correlationid: _none, ...uncorrelated } = event;

      await handleMessage(pipelineWith(client), rawOf(JSON.stringify(uncorrelated)), control());

      expect(sent[0]?.correlationId).toBe(event.id);
    });
  });

  describe('when there is nothing to do', () => {
    it('ignores a type without a route, and a mapping to no commands, sending nothing', async () => {
      const { client, sent } = scriptedClient(applied);
      const unknown = customerEvent('customer.merged.v1', {});
      const renamed = customerEvent('customer.renamed.v1', {});
      const inherited = customerEvent('constructor', {});

      const verdicts = await Promise.all(
        [unknown, renamed, inherited].map((event) =>
          handleMessage(pipelineWith(client), rawOf(JSON.stringify(event)), control()),
        ),
      );

      expect(verdicts.map((v) => v.kind)).toEqual(['ignored', 'handled', 'ignored']);
      expect(sent).toHaveLength(0);
    });
  });

  describe('when the message cannot be handled', () => {
    it('fails a message that is no JSON under its Kafka coordinates', async () => {
      const { client } = scriptedClient(applied);

      const verdict = await handleMessage(pipelineWith(client), rawOf('{"nope', '42'), control());

      expect(verdict).toMatchObject({
        kind: 'failed',
        id: 'customers.events.v1:2:42',
        reason: { code: 'bad_json' },
        attempts: 0,
      });
      expect('type' in verdict).toBe(false);
    });

    it('fails an empty message and one that is no CloudEvent', async () => {
      const { client } = scriptedClient(applied);

      const empty = await handleMessage(pipelineWith(client), rawOf(null), control());
      const foreign = await handleMessage(pipelineWith(client), rawOf('{"a":1}'), control());

      expect(empty).toMatchObject({ kind: 'failed', reason: { code: 'empty' } });
      expect(foreign).toMatchObject({ kind: 'failed', reason: { code: 'schema' } });
    });

    it('fails an event whose data breaks its schema, naming the field', async () => {
      const { client, sent } = scriptedClient(applied);
      const event = customerEvent('customer.blocked.v1', { customerId: 'c-1' });

      const verdict = await handleMessage(
        pipelineWith(client),
        rawOf(JSON.stringify(event)),
        control(),
      );

      expect(verdict).toMatchObject({
        kind: 'failed',
        id: event.id,
        type: 'customer.blocked.v1',
        reason: { code: 'invalid_data', message: expect.stringContaining('reason') as string },
      });
      expect(sent).toHaveLength(0);
    });

    it('fails an event whose mapping throws or yields commands that cannot be sent', async () => {
      const { client } = scriptedClient(applied);
      const routes = {
        'a.v1': {
          data: testRoutes['customer.renamed.v1']!.data,
          toCommands: () => {
            throw new Error('bug');
          },
        },
        'b.v1': {
          data: testRoutes['customer.renamed.v1']!.data,
          toCommands: () => [
            { method: 'POST' as const, path: '/x', key: 'k' },
            { method: 'POST' as const, path: '/y', key: 'k' },
          ],
        },
      };
      const pipeline = { routes, client, logger };

      const threw = await handleMessage(
        pipeline,
        rawOf(JSON.stringify(customerEvent('a.v1', {}))),
        control(),
      );
      const shared = await handleMessage(
        pipeline,
        rawOf(JSON.stringify(customerEvent('b.v1', {}))),
        control(),
      );

      expect(threw).toMatchObject({
        kind: 'failed',
        reason: { code: 'mapping_failed', message: expect.stringContaining('bug') as string },
      });
      expect(shared).toMatchObject({ kind: 'failed', reason: { code: 'mapping_failed' } });
    });
  });

  describe('when the target refuses', () => {
    it('fails at once with the status, the problem reason and the command', async () => {
      const refusal: CommandAnswer = {
        outcome: 'refused',
        status: 422,
        reason: 'closed',
        detail: 'Closed',
      };
      const { client, sent } = scriptedClient(applied, refusal);
      const event = customerEvent('customer.blocked.v1', { customerId: 'c-1', reason: 'fraud' });

      const verdict = await handleMessage(
        pipelineWith(client),
        rawOf(JSON.stringify(event)),
        control(),
      );

      expect(verdict).toEqual({
        kind: 'failed',
        id: event.id,
        type: event.type,
        attempts: 2,
        reason: {
          code: 'refused',
          message: 'Closed',
          status: 422,
          problemReason: 'closed',
          command: 'POST /internal/customers/c-1/orders/hold',
        },
      });
      expect(sent).toHaveLength(2);
    });
  });

  describe('when the target fails transiently', () => {
    it('retries with the same key and succeeds once the target recovers', async () => {
      const { client, sent } = scriptedClient(unavailable, unavailable, applied);
      const event = customerEvent('customer.registered.v1', { customerId: 'c-1' });
      const attempt = control(5);

      const verdict = await handleMessage(
        pipelineWith(client),
        rawOf(JSON.stringify(event)),
        attempt,
      );

      expect(verdict).toMatchObject({ kind: 'handled', attempts: 3 });
      expect(new Set(sent.map((c) => c.idempotencyKey)).size).toBe(1);
    });

    it('gives up after the budget with the last error', async () => {
      const { client, sent } = scriptedClient(unavailable);
      const event = customerEvent('customer.registered.v1', { customerId: 'c-1' });

      const verdict = await handleMessage(
        pipelineWith(client),
        rawOf(JSON.stringify(event)),
        control(3),
      );

      expect(verdict).toMatchObject({
        kind: 'failed',
        attempts: 3,
        reason: {
          code: 'retries_exhausted',
          status: 503,
          message: 'gave up after 3 attempts: down',
        },
      });
      expect(sent).toHaveLength(3);
    });

    it('stops without a verdict to park when shutdown interrupts the retries', async () => {
      const stop = new AbortController();
      const { client, sent } = scriptedClient(unavailable);
      const interrupting: CommandClient = {
        send: async (command, signal) => {
          const answer = await client.send(command, signal);
          stop.abort();
          return answer;
        },
        close: () => undefined,
      };
      const event = customerEvent('customer.registered.v1', { customerId: 'c-1' });

      const verdict = await handleMessage(
        pipelineWith(interrupting),
        rawOf(JSON.stringify(event)),
        control(10, stop.signal),
      );

      expect(verdict).toEqual({ kind: 'stopped' });
      expect(sent).toHaveLength(1);
    });
  });
});
