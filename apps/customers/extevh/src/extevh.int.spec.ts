import { randomUUID } from 'node:crypto';
import { commandIdFromKey } from '@cqrs/framework-command-handling';
import { startedForFile, testToken } from '@cqrs/framework-core/testing';
import { webhookCommandId, webhookHeaders } from '@cqrs/framework-webhooks';
import { extevhUnderTest, newWebhookId } from '@cqrs/framework-webhooks/testing';
import type { CustomerDocument } from '@cqrs/customers-shared';
import { customersCollection, kycProvider } from '@cqrs/customers-shared';
import { start } from './app';
import { configSchema } from './config';

const extevh = startedForFile(
  () =>
    extevhUnderTest({
      extevh: { service: 'customers-extevh', configSchema, start },
      cmdh: { service: 'customers-cmdh', main: 'apps/customers/cmdh/src/main.ts' },
      hookPath: '/hooks/kyc-provider',
    }),
  180_000,
);

// The service identity extevhUnderTest gives the extevh's token.
const extevhActor = { sub: 'customers-extevh', roles: ['service'] };

const customers = () => extevh.db.collection<CustomerDocument>(customersCollection);

/** Registers a customer (KYC pending) through the real customers-cmdh and returns its id. */
async function registerCustomer(): Promise<string> {
  const token = await testToken({ sub: 'clerk-1', roles: ['customer_support'] });
  const answer = await fetch(`${extevh.cmdh.url}/customers`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({ name: 'Ada Lovelace', email: `${randomUUID()}@example.com` }),
  });
  expect(answer.status).toBe(201);
  return ((await answer.json()) as { id: string }).id;
}

const customerOf = async (id: string) => {
  const document = await customers().findOne({ _id: id });
  if (document === null) throw new Error(`no customer ${id}`);
  return document;
};

const approved = (customerId: string) => ({
  type: 'kyc.approved',
  data: { customerId, checkId: `chk-${customerId.slice(0, 8)}` },
});

describe('customers-extevh', () => {
  describe('a valid webhook', () => {
    it('approves the customer once, with a command id derived from the webhook id', async () => {
      const customerId = await registerCustomer();

      const answer = await extevh.post(approved(customerId));

      expect(answer).toMatchObject({
        status: 200,
        body: { id: answer.id, status: 'applied', duplicate: false },
      });
      const customer = await customerOf(customerId);
      expect([customer.status, customer.kyc.status, customer.version]).toEqual([
        'active',
        'approved',
        2,
      ]);
      expect(customer.lastEvent).toMatchObject({
        type: 'customer.kyc_approved.v1',
        // cmdh scopes the Idempotency-Key to its caller, the extevh's service identity.
        commandId: commandIdFromKey(extevhActor, webhookCommandId(kycProvider, answer.id)),
        causationId: answer.id,
      });
      expect(await extevh.webhook(answer.id)).toMatchObject({
        provider: 'kyc-provider',
        type: 'kyc.approved',
        rawBody: JSON.stringify(approved(customerId)),
        status: 'applied',
        deliveries: 1,
        attempts: 1,
      });
    });

    it('rejects the customer with the provider’s reason', async () => {
      const customerId = await registerCustomer();

      const answer = await extevh.post({
        type: 'kyc.rejected',
        data: { customerId, reason: 'document expired' },
      });

      expect(answer.status).toBe(200);
      const customer = await customerOf(customerId);
      expect([customer.status, customer.kyc]).toEqual([
        'rejected',
        expect.objectContaining({ status: 'rejected', reason: 'document expired' }),
      ]);
    });

    it('is accepted when signed with the previous secret during a rotation', async () => {
      const customerId = await registerCustomer();

      const answer = await extevh.post(approved(customerId), {
        secrets: [extevh.secrets.previous],
      });

      expect(answer.body).toMatchObject({ status: 'applied' });
      expect((await customerOf(customerId)).status).toBe('active');
    });

    it('is accepted when one of several signatures matches', async () => {
      const customerId = await registerCustomer();

      const answer = await extevh.post(approved(customerId), {
        secrets: [extevh.secrets.unknown, extevh.secrets.current],
      });

      expect(answer.body).toMatchObject({ status: 'applied' });
    });
  });

  describe('a repeated webhook id', () => {
    it('is answered 200 from the record without approving twice', async () => {
      const customerId = await registerCustomer();
      const id = newWebhookId();
      await extevh.post(approved(customerId), { id });
      const before = await customerOf(customerId);

      const again = await extevh.post(approved(customerId), { id });

      expect(again).toMatchObject({
        status: 200,
        body: { id, status: 'applied', duplicate: true },
      });
      const after = await customerOf(customerId);
      expect([after.version, after.updatedAt]).toEqual([before.version, before.updatedAt]);
      expect(await extevh.webhook(id)).toMatchObject({ deliveries: 2, attempts: 1 });
    });
  });

  describe('a webhook that is not verified', () => {
    it('answers 401 for a signature made with an unknown secret, and acts on nothing', async () => {
      const customerId = await registerCustomer();

      const answer = await extevh.post(approved(customerId), {
        secrets: [extevh.secrets.unknown],
      });

      expect(answer).toMatchObject({ status: 401, body: { reason: 'bad_signature' } });
      expect((await customerOf(customerId)).status).toBe('pending_kyc');
      expect(await extevh.webhook(answer.id)).toBeNull();
    });

    it('answers 401 without a signature', async () => {
      const customerId = await registerCustomer();

      const answer = await extevh.post(approved(customerId), { secrets: [] });

      expect(answer).toMatchObject({ status: 401, body: { reason: 'missing_headers' } });
      expect((await customerOf(customerId)).status).toBe('pending_kyc');
    });

    it('answers 401 for a body changed after signing', async () => {
      const customerId = await registerCustomer();
      const other = await registerCustomer();
      const signed = webhookHeaders(
        [extevh.secrets.current],
        'msg_tampered',
        now(),
        JSON.stringify(approved(customerId)),
      );

      const answer = await extevh.post(approved(other), {
        id: 'msg_tampered',
        headers: { 'webhook-signature': signed['webhook-signature'] },
      });

      expect(answer).toMatchObject({ status: 401, body: { reason: 'bad_signature' } });
      expect((await customerOf(other)).status).toBe('pending_kyc');
    });

    it('answers 401 for a timestamp 301 s old, and accepts one 290 s old', async () => {
      const customerId = await registerCustomer();

      const stale = await extevh.post(approved(customerId), { timestampSeconds: now() - 301 });
      const recent = await extevh.post(approved(customerId), { timestampSeconds: now() - 290 });

      expect(stale).toMatchObject({ status: 401, body: { reason: 'stale_timestamp' } });
      expect(await extevh.webhook(stale.id)).toBeNull();
      expect(recent.status).toBe(200);
    });
  });

  describe('an invalid payload', () => {
    it('answers 400 naming the invalid fields, and stores nothing', async () => {
      const customerId = await registerCustomer();

      const answer = await extevh.post({ type: 'kyc.rejected', data: { customerId } });

      expect(answer).toMatchObject({
        status: 400,
        body: { errors: [{ path: 'body.data.reason' }] },
      });
      expect(await extevh.webhook(answer.id)).toBeNull();
      expect((await customerOf(customerId)).status).toBe('pending_kyc');
    });

    it('answers 400 for an unknown type and for a body that is not JSON', async () => {
      const unknownType = await extevh.post({ type: 'kyc.pending', data: { customerId: 'c-1' } });
      const notJson = await extevh.post('{"type": "kyc.approved", ');

      expect([unknownType.status, notJson.status]).toEqual([400, 400]);
    });
  });

  describe('a business refusal', () => {
    it('is answered 200, recorded, and not sent again when the webhook comes again', async () => {
      const customerId = await registerCustomer();
      await extevh.post(approved(customerId));
      const id = newWebhookId();

      const refused = await extevh.post(
        { type: 'kyc.rejected', data: { customerId, reason: 'too late' } },
        { id },
      );
      const again = await extevh.post(
        { type: 'kyc.rejected', data: { customerId, reason: 'too late' } },
        { id },
      );

      expect(refused).toMatchObject({
        status: 200,
        body: { id, status: 'refused', reason: 'not_pending_kyc', duplicate: false },
      });
      expect(again.body).toMatchObject({
        status: 'refused',
        reason: 'not_pending_kyc',
        duplicate: true,
      });
      expect(await extevh.webhook(id)).toMatchObject({
        status: 'refused',
        refusal: { status: 422, reason: 'not_pending_kyc' },
        deliveries: 2,
        attempts: 1,
      });
      expect((await customerOf(customerId)).status).toBe('active');
    });

    it('is answered 200 for a customer that does not exist', async () => {
      const answer = await extevh.post(approved(`c-${randomUUID()}`));

      expect(answer).toMatchObject({ status: 200, body: { status: 'refused' } });
    });
  });

  describe('when customers-cmdh cannot be reached', () => {
    it('answers 503, keeps the webhook pending, and applies the provider’s retry', async () => {
      const customerId = await registerCustomer();
      const id = newWebhookId();
      await extevh.cmdh.stop();

      const down = await extevh.post(approved(customerId), { id });

      expect(down.status).toBe(503);
      const pending = await extevh.webhook(id);
      expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
      expect(pending?.lastFailure?.detail).toMatch(/ECONNREFUSED/);

      await extevh.cmdh.restart();
      const retried = await extevh.post(approved(customerId), { id });

      expect(retried).toMatchObject({ status: 200, body: { status: 'applied', duplicate: false } });
      expect((await customerOf(customerId)).status).toBe('active');
      expect(await extevh.webhook(id)).toMatchObject({
        status: 'applied',
        deliveries: 2,
        attempts: 2,
      });
    });
  });
});

const now = () => Math.floor(Date.now() / 1000);
