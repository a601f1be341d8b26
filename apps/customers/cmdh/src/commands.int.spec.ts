import { randomUUID } from 'node:crypto';
import { commandIdFromKey } from '@cqrs/framework-command-handling';
import { idFromLocation, outcomeOf, problemOf } from '@cqrs/framework-core/testing';
import { expectUnchanged } from '@cqrs/framework-mongo/testing';
import { actors, cmdhForFile, customerOf, uniqueEmail } from './testing/cmdh-under-test';

const { cmdh, api } = cmdhForFile();

const byEmail = (email: string) => cmdh.customers.countDocuments({ email });

describe('customers-cmdh commands', () => {
  describe('POST /customers', () => {
    it('registers a pending customer: 201, Location, ETag "1" and the customer', async () => {
      // Arrange
      const email = uniqueEmail('grace');

      // Act
      const reply = await api.register({
        name: ' Grace Hopper ',
        email: ` ${email.toUpperCase()} `,
        phone: '+4915112345678',
      });

      // Assert
      const customer = customerOf(reply);
      expect(reply.status).toBe(201);
      expect(reply.headers.get('location')).toBe(`/customers/${customer.id}`);
      expect(reply.headers.get('etag')).toBe('"1"');
      expect(reply.headers.get('idempotent-replayed')).toBeNull();
      expect(customer).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        status: 'pending_kyc',
        name: 'Grace Hopper',
        email,
        phone: '+4915112345678',
        kyc: { status: 'pending', decidedAt: null, reason: null, reference: null },
        blockedReason: null,
        openOrders: 0,
        version: 1,
        registeredAt: customer.updatedAt,
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      });
    });

    it('stores version 1, the state and the registered event with who, which command and why', async () => {
      // Arrange
      const key = randomUUID();
      const email = uniqueEmail('linus');

      // Act
      const reply = await api.register(
        { name: 'Linus', email },
        {
          key,
          headers: { 'x-correlation-id': 'corr-register-1', 'x-request-id': 'req-register-1' },
        },
      );

      // Assert
      const { id } = customerOf(reply);
      const stored = await cmdh.customers.findOne({ _id: id });
      expect(stored).toMatchObject({
        _id: id,
        version: 1,
        status: 'pending_kyc',
        name: 'Linus',
        email,
        phone: null,
        kyc: { status: 'pending' },
        blockedReason: null,
        openOrderIds: [],
        lastEvent: {
          id: `${id}:1`,
          type: 'customer.registered.v1',
          aggregateId: id,
          version: 1,
          data: { customerId: id, name: 'Linus', email, phone: null },
          actor: { sub: actors.clerk.sub, roles: [...actors.clerk.roles] },
          commandId: commandIdFromKey(actors.clerk, key),
          correlationId: 'corr-register-1',
          causationId: 'req-register-1',
        },
      });
      expect(stored?.registeredAt).toBeInstanceOf(Date);
      expect(stored?.lastEvent.time).toEqual(stored?.registeredAt);
      expect(stored?.processedCommands.map((c) => c.commandId)).toEqual([
        commandIdFromKey(actors.clerk, key),
      ]);
    });

    it('answers a retry with the same key and body with the first answer and writes nothing', async () => {
      // Arrange
      const key = randomUUID();
      const body = { name: 'Retry Ruth', email: uniqueEmail('ruth') };
      const first = await api.register(body, { key });
      const { id } = customerOf(first);
      const before = await cmdh.customers.findOne({ _id: id });

      // Act
      const retry = await api.register(body, { key });

      // Assert
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.headers.get('etag')).toBe('"1"');
      expect(retry.headers.get('location')).toBe(first.headers.get('location'));
      expect(retry.body).toEqual(first.body);
      expect(await byEmail(body.email)).toBe(1);
      await expectUnchanged(cmdh.customers, before);
    });

    it('answers a late retry with the first answer even after the customer changed', async () => {
      // Arrange
      const key = randomUUID();
      const body = { name: 'Late Larry', email: uniqueEmail('larry') };
      const first = await api.register(body, { key });
      const { id } = customerOf(first);
      customerOf(await api.approveKyc(id));
      const before = await cmdh.customers.findOne({ _id: id });

      // Act
      const retry = await api.register(body, { key });

      // Assert
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.headers.get('etag')).toBe('"1"');
      expect(retry.body).toEqual(first.body);
      await expectUnchanged(cmdh.customers, before);
      expect(before?.version).toBe(2);
    });

    it('refuses the same key with another body (422 idempotency_key_reused) and writes nothing', async () => {
      // Arrange
      const key = randomUUID();
      const email = uniqueEmail('kim');
      const { id } = customerOf(await api.register({ name: 'Kim', email }, { key }));
      const before = await cmdh.customers.findOne({ _id: id });

      // Act
      const reply = await api.register({ name: 'Kim Other', email: uniqueEmail('kim') }, { key });

      // Assert
      expect(outcomeOf(reply)).toEqual({ status: 422, reason: 'idempotency_key_reused' });
      await expectUnchanged(cmdh.customers, before);
    });

    it('treats a retry that differs only in email case and spacing as the same request', async () => {
      // Arrange
      const key = randomUUID();
      const email = uniqueEmail('case');
      const first = await api.register({ name: 'Case Cara', email }, { key });

      // Act
      const retry = await api.register(
        { name: 'Case Cara', email: ` ${email.toUpperCase()}` },
        { key },
      );

      // Assert
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await byEmail(email)).toBe(1);
    });

    it('gives two callers using the same key two different customers', async () => {
      // Arrange
      const key = randomUUID();

      // Act
      const mine = await api.register({ email: uniqueEmail('mine') }, { key, as: 'clerk' });
      const theirs = await api.register(
        { email: uniqueEmail('theirs') },
        { key, as: 'otherClerk' },
      );

      // Assert
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.headers.get('idempotent-replayed')).toBeNull();
      const [myId, theirId] = [customerOf(mine).id, customerOf(theirs).id];
      expect(myId).not.toBe(theirId);
      expect(idFromLocation(theirs, '/customers')).toBe(theirId);
      const stored = await cmdh.customers
        .find({ _id: { $in: [myId, theirId] } })
        .project<{ _id: string; version: number; lastEvent: { actor: { sub: string } } }>({
          version: 1,
          'lastEvent.actor.sub': 1,
        })
        .sort({ _id: 1 })
        .toArray();
      expect(stored.map((d) => [d.lastEvent.actor.sub, d.version]).sort()).toEqual([
        [actors.clerk.sub, 1],
        [actors.otherClerk.sub, 1],
      ]);
    });

    it('refuses a second customer with the same email (409 email_taken), whatever its case', async () => {
      // Arrange
      const email = uniqueEmail('dup');
      customerOf(await api.register({ email }));

      // Act
      const reply = await api.register({ name: 'Someone Else', email: email.toUpperCase() });

      // Assert
      expect(outcomeOf(reply)).toEqual({ status: 409, reason: 'email_taken' });
      expect(await byEmail(email)).toBe(1);
    });

    it.each([
      ['an unknown field', { nickname: 'Addy' }, 'body'],
      ['a malformed email', { email: 'not-an-email' }, 'body.email'],
      ['an empty name', { name: '   ' }, 'body.name'],
      ['a phone not in E.164 form', { phone: '0151 123' }, 'body.phone'],
    ])('refuses %s with 400 naming the field, and stores nothing', async (_what, change, path) => {
      // Arrange
      const email = uniqueEmail('invalid');

      // Act
      const reply = await api.register({ email, ...change });

      // Assert
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(problemOf(reply).errors?.map((e) => e.path)).toContain(path);
      expect(await byEmail(email)).toBe(0);
    });

    it('refuses a command without Idempotency-Key with 400', async () => {
      // Arrange
      const email = uniqueEmail('nokey');

      // Act
      const reply = await api.register({ email }, { key: null });

      // Assert
      expect(reply.status).toBe(400);
      expect(problemOf(reply).errors?.map((e) => e.path)).toContain('headers.idempotency-key');
      expect(await byEmail(email)).toBe(0);
    });
  });

  describe('PATCH /customers/{id}', () => {
    it('updates with the current If-Match: 200, ETag "2", the changed customer and its event', async () => {
      // Arrange
      const id = await api.registered({ name: 'Old Name' });
      const key = randomUUID();

      // Act
      const reply = await api.patch(id, { name: 'New Name' }, { ifMatch: '"1"', key });

      // Assert
      expect(reply.status).toBe(200);
      expect(reply.headers.get('etag')).toBe('"2"');
      expect(customerOf(reply)).toMatchObject({ id, name: 'New Name', version: 2 });
      expect(await cmdh.customers.findOne({ _id: id })).toMatchObject({
        name: 'New Name',
        version: 2,
        lastEvent: {
          type: 'customer.contact_details_updated.v1',
          version: 2,
          data: { customerId: id, name: 'New Name' },
          commandId: commandIdFromKey(actors.clerk, key),
        },
      });
    });

    it('answers a stale If-Match with 412 and writes nothing', async () => {
      // Arrange
      const id = await api.registered({ name: 'First' });
      customerOf(await api.patch(id, { name: 'Second' }, { ifMatch: '"1"' }));
      const before = await cmdh.customers.findOne({ _id: id });

      // Act
      const reply = await api.patch(id, { name: 'Third' }, { ifMatch: '"1"' });

      // Assert
      expect(outcomeOf(reply)).toEqual({ status: 412, reason: 'stale_version' });
      expect(problemOf(reply).currentVersion).toBe(2);
      await expectUnchanged(cmdh.customers, before);
    });

    it.each(['3', '"abc"', '"1", "2"'])(
      'answers a malformed If-Match %s with 400 and writes nothing',
      async (ifMatch) => {
        // Arrange
        const id = await api.registered();
        const before = await cmdh.customers.findOne({ _id: id });

        // Act
        const reply = await api.patch(id, { name: 'Never' }, { ifMatch });

        // Assert
        expect(outcomeOf(reply)).toEqual({ status: 400, reason: 'malformed_if_match' });
        await expectUnchanged(cmdh.customers, before);
      },
    );

    it('replays a retried PATCH instead of answering 412 for the If-Match it was sent with', async () => {
      // Arrange
      const id = await api.registered({ name: 'Before' });
      const key = randomUUID();
      const first = await api.patch(id, { name: 'After' }, { ifMatch: '"1"', key });
      const before = await cmdh.customers.findOne({ _id: id });

      // Act
      const retry = await api.patch(id, { name: 'After' }, { ifMatch: '"1"', key });

      // Assert
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.headers.get('etag')).toBe('"2"');
      expect(retry.body).toEqual(first.body);
      await expectUnchanged(cmdh.customers, before);
    });

    it('refuses a key already used for another command on the customer (422), writing nothing', async () => {
      // Arrange
      const id = await api.customerIn('active');
      const key = randomUUID();
      customerOf(await api.patch(id, { name: 'Keyed' }, { key }));
      const before = await cmdh.customers.findOne({ _id: id });

      // Act
      const reply = await api.close(id, { key });

      // Assert
      expect(outcomeOf(reply)).toEqual({ status: 422, reason: 'idempotency_key_reused' });
      await expectUnchanged(cmdh.customers, before);
    });

    it('refuses a change to what the customer already has (422 no_change), writing nothing', async () => {
      // Arrange
      const email = uniqueEmail('same');
      const id = await api.registered({ name: 'Same', email });
      const before = await cmdh.customers.findOne({ _id: id });

      // Act
      const reply = await api.patch(id, { name: 'Same', email: email.toUpperCase() });

      // Assert
      expect(outcomeOf(reply)).toEqual({ status: 422, reason: 'no_change' });
      await expectUnchanged(cmdh.customers, before);
    });

    it.each([
      ['an empty body', {}],
      ['an unknown field', { nickname: 'x' }],
      ['a malformed email', { email: 'nope' }],
    ])('refuses %s with 400 and writes nothing', async (_what, body) => {
      // Arrange
      const id = await api.registered();
      const before = await cmdh.customers.findOne({ _id: id });

      // Act
      const reply = await api.patch(id, body);

      // Assert
      expect(reply.status).toBe(400);
      expect(problemOf(reply).errors?.length).toBeGreaterThan(0);
      await expectUnchanged(cmdh.customers, before);
    });

    it('refuses an email another customer has (409 email_taken) and writes nothing', async () => {
      // Arrange
      const taken = uniqueEmail('taken');
      await api.registered({ email: taken });
      const id = await api.registered();
      const before = await cmdh.customers.findOne({ _id: id });

      // Act
      const reply = await api.patch(id, { email: taken });

      // Assert
      expect(outcomeOf(reply)).toEqual({ status: 409, reason: 'email_taken' });
      await expectUnchanged(cmdh.customers, before);
    });

    it('answers 404 customer_not_found for an unknown id and stores nothing', async () => {
      // Arrange
      const id = randomUUID();

      // Act
      const reply = await api.patch(id, { name: 'Ghost' });

      // Assert
      expect(outcomeOf(reply)).toEqual({ status: 404, reason: 'customer_not_found' });
      expect(await cmdh.customers.findOne({ _id: id })).toBeNull();
    });

    it('answers 400 for an id that cannot be a customer id', async () => {
      // Act
      const reply = await api.patch('not.an:id', { name: 'Ghost' });

      // Assert
      expect(reply.status).toBe(400);
      expect(problemOf(reply).errors?.map((e) => e.path)).toContain('params.id');
    });
  });
});
