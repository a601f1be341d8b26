import { z } from 'zod';
import { baseConfigSchema } from '@cqrs/framework-core';
import { metricsText, startedForFile, startInProcess } from '@cqrs/framework-core/testing';
import type { FakeCmdh } from '@cqrs/framework-command-client/testing';
import { startFakeCmdh } from '@cqrs/framework-command-client/testing';
import { mongoConfigShape } from '@cqrs/framework-mongo';
import type { TestDatabase } from '@cqrs/framework-mongo/testing';
import { testDatabase } from '@cqrs/framework-mongo/testing';
import { generateWebhookSecret } from '../standard-webhooks/webhook-secret';
import { newWebhookId, postWebhook } from '../testing/post-webhook';
import { extevhConfigShape } from './extevh-config';
import type { InboundWebhook } from './inbound-webhook';
import { defaultInboundWebhooksCollection } from './inbound-webhook-store';
import { webhookCommandId, webhookIntake } from './webhook-intake';
import { startWebhookIntakeApp } from './webhook-intake-app';
import { webhookRoute } from './webhook-route';

const route = webhookRoute({
  service: 'things',
  path: '/hooks/thing-provider',
  operationId: 'receiveThingWebhook',
  summary: 'Receive a thing webhook',
  tags: ['webhooks'],
  payload: z.object({ type: z.literal('thing.done'), data: z.object({ thingId: z.string() }) }),
});

const intake = webhookIntake({
  route,
  provider: 'thing-provider',
  toCommand: (payload) => ({
    method: 'POST',
    path: `/internal/things/${payload.data.thingId}/done`,
    body: { note: 'from the provider' },
  }),
});

const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape({ name: 'things' }),
  ...extevhConfigShape,
});
type Config = z.output<typeof configSchema>;

const secret = generateWebhookSecret();
let cmdh: FakeCmdh;
let database: TestDatabase;

const app = startedForFile(async () => {
  cmdh = await startFakeCmdh();
  database = await testDatabase('things-extevh');
  const running = await startInProcess<Config>(
    {
      service: 'things-extevh',
      configSchema,
      start: (config, options) => startWebhookIntakeApp(config, { intake }, options),
    },
    {
      MONGO_DB: database.name,
      CMDH_URL: cmdh.url,
      SERVICE_TOKEN: 'service-token',
      WEBHOOK_SECRETS: secret,
      COMMAND_TIMEOUT_MS: '2000',
    },
  );
  return {
    url: running.url,
    stop: async () => {
      await running.stop();
      await cmdh.close();
      await database.drop();
    },
  };
}, 60_000);

const post = (payload: unknown, options: { id?: string } = {}) =>
  postWebhook(`${app.url}/hooks/thing-provider`, { payload, secrets: [secret], ...options });

const done = (thingId: string) => ({ type: 'thing.done', data: { thingId } });

const stored = (id: string) =>
  database.db.collection<InboundWebhook>(defaultInboundWebhooksCollection).findOne({ _id: id });

const sentFor = (thingId: string) =>
  cmdh.requests.filter((request) => request.path === `/internal/things/${thingId}/done`);

afterEach(() => cmdh.answer({ status: 200, body: {} }));

describe('startWebhookIntakeApp', () => {
  it('sends the command with the service token, the derived key and the webhook as cause', async () => {
    const answer = await post(done('t-1'), { id: 'msg_t1' });

    expect(answer).toMatchObject({ status: 200, body: { status: 'applied' } });
    const [request] = sentFor('t-1');
    expect(request?.body).toEqual({ note: 'from the provider' });
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer service-token',
      'idempotency-key': webhookCommandId('thing-provider', 'msg_t1'),
      'x-request-id': 'msg_t1',
    });
  });

  it('stores the raw body exactly as received', async () => {
    const text = '{ "type": "thing.done",\n  "data": { "thingId": "t-raw" }, "extra": "ünï" }';

    const answer = await post(text);

    expect(answer.status).toBe(200);
    expect(await stored(answer.id)).toMatchObject({
      rawBody: text,
      provider: 'thing-provider',
      type: 'thing.done',
      status: 'applied',
    });
  });

  it.each([
    [401, 'a refused service token'],
    [403, 'a missing service role'],
    [409, 'contention'],
    [500, 'a failure'],
  ])('answers 503 for a cmdh %i (%s) and keeps the webhook pending', async (status) => {
    cmdh.answer({ status, body: { title: 'no', detail: `cmdh said ${status}` } });
    const id = newWebhookId();

    const answer = await post(done(`t-${status}`), { id });

    expect(answer.status).toBe(503);
    expect(await stored(id)).toMatchObject({
      status: 'pending',
      lastFailure: { status, detail: `cmdh said ${status}` },
    });
  });

  it.each([404, 422])('records a cmdh %i as a refusal for good', async (status) => {
    cmdh.answer({ status, body: { detail: 'no', reason: `reason_${status}` } });

    const answer = await post(done(`t-refused-${status}`));

    expect(answer).toMatchObject({
      status: 200,
      body: { status: 'refused', reason: `reason_${status}` },
    });
    expect((await stored(answer.id))?.status).toBe('refused');
  });

  it('sends a webhook that came several times at once with one key, and stores it once', async () => {
    const id = newWebhookId();

    const answers = await Promise.all([1, 2, 3].map(() => post(done('t-burst'), { id })));

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const keys = new Set(sentFor('t-burst').map((request) => request.headers['idempotency-key']));
    expect([...keys]).toEqual([webhookCommandId('thing-provider', id)]);
    expect(await stored(id)).toMatchObject({ status: 'applied', deliveries: 3 });
  });

  it('answers 400 for a webhook id that cannot be a request id', async () => {
    const answer = await post(done('t-id'), { id: 'msg with spaces' });

    expect(answer).toMatchObject({
      status: 400,
      body: { errors: [{ path: 'headers.webhook-id' }] },
    });
  });

  it('counts the outcomes per provider', async () => {
    await post(done('t-counted'));
    cmdh.answer({ status: 500 });
    await post(done('t-counted-later'));

    const metrics = await metricsText(app);

    for (const outcome of ['applied', 'unavailable']) {
      expect(metrics).toContain(`provider="thing-provider",outcome="${outcome}"`);
    }
  });
});
