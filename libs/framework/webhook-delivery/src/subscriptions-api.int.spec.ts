import { testCaller } from '@cqrs/framework-core/testing';
import type { AppOnTestDatabase } from '@cqrs/framework-mongo/testing';
import { appOnTestDatabase } from '@cqrs/framework-mongo/testing';
import { subscriptionsCollection } from './subscriptions/subscription-store';
import type { SubscriptionDocument } from './subscriptions/subscription';
import { fastDeliveryEnv, thingsExtevp } from './testing/things-extevp';

describe('webhook subscriptions API', () => {
  let running: AppOnTestDatabase<Parameters<typeof thingsExtevp.start>[0]>;
  const call = testCaller<'partner' | 'operator'>(
    () => running.url,
    {
      partner: { sub: 'partner-admin', roles: ['integrations'] },
      operator: { sub: 'ops', roles: ['operator'] },
    },
    'partner',
  );
  const base = '/things/webhooks/subscriptions';
  const receiverUrl = 'http://127.0.0.1:9/hooks';

  beforeAll(async () => {
    running = await appOnTestDatabase(thingsExtevp, { env: fastDeliveryEnv });
  });
  afterAll(() => running.stop());

  it('creates a subscription with a whsec_ secret shown only on creation', async () => {
    const created = await call('POST', base, {
      body: { url: receiverUrl, eventTypes: ['thing.created.v1'], description: 'crm sync' },
    });
    expect(created.status).toBe(201);
    const body = created.body as { id: string; secret: string; status: string };
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect(body).toMatchObject({
      status: 'active',
      eventTypes: ['thing.created.v1'],
      createdBy: 'partner-admin',
    });

    const read = await call('GET', `${base}/${body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: body.id, url: receiverUrl, description: 'crm sync' });
    expect(JSON.stringify(read.body)).not.toContain(body.secret);
  });

  it('defaults to every event type and lists subscriptions page by page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await call('POST', base, { body: { url: receiverUrl } });
      expect(created.body).toMatchObject({ eventTypes: ['*'] });
      ids.push((created.body as { id: string }).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call('GET', `${base}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = page.body as { items: { id: string }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('updates, disables, enables and deletes', async () => {
    const { id } = (await call('POST', base, { body: { url: receiverUrl } })).body as {
      id: string;
    };
    const stored = () =>
      running.db.collection<SubscriptionDocument>(subscriptionsCollection).findOne({ _id: id });
    const matchingSince = async () => (await stored())?.matchingSince?.getTime() ?? 0;
    const created = await matchingSince();
    expect(created).toBeGreaterThan(0);

    await call('PATCH', `${base}/${id}`, { body: { description: 'no new event types' } });
    expect(await matchingSince()).toBe(created);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = await call('PATCH', `${base}/${id}`, {
      body: { eventTypes: ['thing.renamed.v1'], description: 'renames only' },
    });
    expect(updated.body).toMatchObject({
      eventTypes: ['thing.renamed.v1'],
      description: 'renames only',
    });
    const retyped = await matchingSince();
    expect(retyped).toBeGreaterThan(created);

    const disabled = await call('POST', `${base}/${id}/disable`);
    expect(disabled.body).toMatchObject({
      status: 'disabled',
      disabled: { reason: 'manual', detail: 'disabled by partner-admin' },
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const enabled = await call('POST', `${base}/${id}/enable`);
    expect(enabled.body).toMatchObject({ status: 'active', disabled: null });
    expect(await matchingSince()).toBeGreaterThan(retyped);

    expect((await call('DELETE', `${base}/${id}`)).status).toBe(204);
    const gone = await call('GET', `${base}/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ reason: 'subscription_not_found' });
  });

  it('rotates the secret, keeping the previous one for the grace period', async () => {
    const created = (await call('POST', base, { body: { url: receiverUrl } })).body as {
      id: string;
      secret: string;
    };
    const rotated = await call('POST', `${base}/${created.id}/rotate-secret`, {
      body: { gracePeriodSeconds: 3600 },
    });
    expect(rotated.status).toBe(200);
    const body = rotated.body as { secret: string; previousSecretsExpireAt: string };
    expect(body.secret).toMatch(/^whsec_/);
    expect(body.secret).not.toBe(created.secret);
    const expiresIn = Date.parse(body.previousSecretsExpireAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(3500_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);
    const read = (await call('GET', `${base}/${created.id}`)).body as { secrets: unknown[] };
    expect(read.secrets).toHaveLength(2);
  });

  it.each([
    ['https://169.254.169.254/latest/meta-data/', 'blocked_address'],
    ['https://10.0.0.1/hooks', 'blocked_address'],
    ['https://[fd00::1]/hooks', 'blocked_address'],
    ['http://93.184.216.34/hooks', 'https_required'],
    ['ftp://example.com/hooks', 'invalid_url'],
  ])('refuses %s at registration (%s)', async (url, refusal) => {
    const refused = await call('POST', base, { body: { url } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ reason: 'target_refused', refusal });
  });

  it('refuses unknown event types, and callers without the integrations role', async () => {
    const unknown = await call('POST', base, {
      body: { url: receiverUrl, eventTypes: ['thing.exploded.v1'] },
    });
    expect(unknown.status).toBe(400);
    expect((await call('GET', base, { as: 'operator' })).status).toBe(403);
    expect((await call('GET', base, { as: null })).status).toBe(401);
  });
});
