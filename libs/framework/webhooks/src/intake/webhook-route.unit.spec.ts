import { z } from 'zod';
import { webhookHeadersSchema, webhookRoute } from './webhook-route';

describe('webhookRoute', () => {
  const payload = z.object({ type: z.string() });
  const route = webhookRoute({
    service: 'things',
    path: '/hooks/thing-provider',
    operationId: 'receiveThingWebhook',
    summary: 'Receive',
    tags: ['webhooks'],
    payload,
  });

  it('declares a public extevh POST without a bearer token, on the raw body', () => {
    expect(route).toMatchObject({
      app: 'extevh',
      exposure: 'public',
      method: 'post',
      auth: 'none',
      rawBody: true,
      body: payload,
    });
    expect('roles' in route).toBe(false);
  });

  it('documents the answers every hook gives', () => {
    expect(Object.keys(route.responses)).toEqual(['200', '400', '401', '503']);
  });

  it('lets a request without the signature headers through to the intake (401, not 400)', () => {
    expect(webhookHeadersSchema.safeParse({}).success).toBe(true);
  });
});
