import fastJsonPatch from 'fast-json-patch';
import type { Actor } from '@cqrs/framework-core';
import { uniqueName, waitUntil } from '@cqrs/framework-core/testing';
import type { CustomerDocument, CustomerHistoryEntry } from '@cqrs/customers-shared';
import {
  customerHistoryCollection,
  customersCollection,
  fromDocument,
  toCustomerSnapshot,
} from '@cqrs/customers-shared';
import type { WriteMeta } from '@cqrs/framework-command-handling/testing';
import { chghFixture } from './testing/chgh-fixture';
import { customerWrites } from './testing/customer-writes';

const clerk: Actor = { sub: 'clerk-7', roles: ['customer_support'] };
const kycProvider: Actor = { sub: 'customers-extevh', roles: ['service'] };
const riskOfficer: Actor = { sub: 'rita', roles: ['risk'] };

const start = new Date('2026-01-05T09:00:00.000Z');
/** The time of write n (see `customerWrites`), as the trail stores it and as patches carry it. */
const at = (n: number) => new Date(start.getTime() + n * 60_000);
const iso = (n: number) => at(n).toISOString();

/** Patches compared as sets: the operations touch disjoint paths, so their order is free. */
const byPath = (patch: CustomerHistoryEntry['patch']) =>
  [...patch].sort((a, b) => a.path.localeCompare(b.path));

/** What the trail must say about a write: its ids from the pipeline, and its exact patch. */
const entryFor = (
  customerId: string,
  version: number,
  eventType: string,
  meta: WriteMeta,
  patch: CustomerHistoryEntry['patch'],
) => ({
  _id: `${customerId}:${version}`,
  aggregateId: customerId,
  version,
  eventId: `${customerId}:${version}`,
  eventType,
  time: meta.time,
  actor: meta.actor,
  commandId: meta.commandId,
  correlationId: meta.correlationId,
  causationId: meta.causationId,
  patch: byPath(patch),
});

describe('customers-chgh', () => {
  let fixture: Awaited<ReturnType<typeof chghFixture>>;
  let customers: ReturnType<typeof customerWrites>;

  beforeEach(async () => {
    fixture = await chghFixture();
    customers = customerWrites(fixture.db, start);
  });
  afterEach(async () => {
    await fixture.close();
  });

  describe('when a customer is registered, approved, blocked, unblocked and renamed', () => {
    it('records versions 1 to 5 with who, which command, and the patch from the version before', async () => {
      // Arrange
      await fixture.startReplica();
      await waitUntil(fixture.streamOpen, 'the change stream is open');
      const customerId = uniqueName('cust');

      // Act
      const registered = await customers.write(
        {
          type: 'RegisterCustomer',
          customerId,
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          phone: '+441234567890',
        },
        clerk,
      );
      const approved = await customers.write(
        { type: 'ApproveKyc', customerId, reference: 'kyc-42' },
        kycProvider,
      );
      const blocked = await customers.write(
        { type: 'BlockCustomer', customerId, reason: 'chargebacks' },
        riskOfficer,
      );
      const unblocked = await customers.write({ type: 'UnblockCustomer', customerId }, riskOfficer);
      const renamed = await customers.write(
        { type: 'UpdateContactDetails', customerId, name: 'Ada King', phone: null },
        clerk,
      );
      await waitUntil(
        async () => (await fixture.historyOf(customerId)).length === 5,
        'five versions are recorded',
      );

      // Assert
      const history = await fixture.historyOf(customerId);
      expect(
        history.map(({ state: _state, ...entry }) => ({ ...entry, patch: byPath(entry.patch) })),
      ).toEqual([
        entryFor(customerId, 1, 'customer.registered.v1', registered, [
          { op: 'add', path: '/id', value: customerId },
          { op: 'add', path: '/status', value: 'pending_kyc' },
          { op: 'add', path: '/name', value: 'Ada Lovelace' },
          { op: 'add', path: '/email', value: 'ada@example.com' },
          { op: 'add', path: '/phone', value: '+441234567890' },
          { op: 'add', path: '/kyc', value: { status: 'pending' } },
          { op: 'add', path: '/blockedReason', value: null },
          { op: 'add', path: '/openOrderIds', value: [] },
          { op: 'add', path: '/registeredAt', value: iso(0) },
          { op: 'add', path: '/updatedAt', value: iso(0) },
        ]),
        entryFor(customerId, 2, 'customer.kyc_approved.v1', approved, [
          { op: 'replace', path: '/status', value: 'active' },
          { op: 'replace', path: '/kyc/status', value: 'approved' },
          { op: 'add', path: '/kyc/decidedAt', value: iso(1) },
          { op: 'add', path: '/kyc/reference', value: 'kyc-42' },
          { op: 'replace', path: '/updatedAt', value: iso(1) },
        ]),
        // `blockedReason` is null until a block, so the block replaces it rather than adding it.
        entryFor(customerId, 3, 'customer.blocked.v1', blocked, [
          { op: 'replace', path: '/status', value: 'blocked' },
          { op: 'replace', path: '/blockedReason', value: 'chargebacks' },
          { op: 'replace', path: '/updatedAt', value: iso(2) },
        ]),
        entryFor(customerId, 4, 'customer.unblocked.v1', unblocked, [
          { op: 'replace', path: '/status', value: 'active' },
          { op: 'replace', path: '/blockedReason', value: null },
          { op: 'replace', path: '/updatedAt', value: iso(3) },
        ]),
        entryFor(customerId, 5, 'customer.contact_details_updated.v1', renamed, [
          { op: 'replace', path: '/name', value: 'Ada King' },
          { op: 'replace', path: '/phone', value: null },
          { op: 'replace', path: '/updatedAt', value: iso(4) },
        ]),
      ]);
    });

    it('keeps states that the patches rebuild, ending at the stored customer', async () => {
      // Arrange
      await fixture.startReplica();
      await waitUntil(fixture.streamOpen, 'the change stream is open');
      const customerId = uniqueName('cust');
      await customers.write(
        { type: 'RegisterCustomer', customerId, name: 'Grace Hopper', email: 'grace@example.com' },
        clerk,
      );
      await customers.write({ type: 'ApproveKyc', customerId }, kycProvider);
      await customers.write(
        { type: 'BlockCustomer', customerId, reason: 'disputed payments' },
        riskOfficer,
      );

      // Act
      await waitUntil(
        async () => (await fixture.historyOf(customerId)).length === 3,
        'three versions are recorded',
      );

      // Assert
      const history = await fixture.historyOf(customerId);
      let rebuilt: Record<string, unknown> = {};
      for (const entry of history) {
        rebuilt = fastJsonPatch.applyPatch(rebuilt, entry.patch, true, false).newDocument;
        expect(rebuilt).toEqual(entry.state);
      }
      const stored = await fixture.db
        .collection<CustomerDocument>(customersCollection)
        .findOne({ _id: customerId });
      expect(rebuilt).toEqual(toCustomerSnapshot(fromDocument(stored!)));
    });
  });

  describe('when restarted', () => {
    it('continues after its checkpoint: changes made while it was down are recorded, none twice', async () => {
      // Arrange
      const first = await fixture.startReplica();
      await waitUntil(fixture.streamOpen, 'the change stream is open');
      const ada = uniqueName('ada');
      const bob = uniqueName('bob');
      const metas = [
        await customers.write(
          { type: 'RegisterCustomer', customerId: ada, name: 'Ada', email: `${ada}@example.com` },
          clerk,
        ),
        await customers.write({ type: 'ApproveKyc', customerId: ada }, kycProvider),
      ];
      await waitUntil(
        async () => (await fixture.historyOf(ada)).length === 2,
        'the first two versions are recorded',
      );
      await fixture.stopReplica(first);

      // Act: changes while no replica runs, then a restart on the same database
      metas.push(
        await customers.write(
          { type: 'BlockCustomer', customerId: ada, reason: 'fraud' },
          riskOfficer,
        ),
        await customers.write({ type: 'UnblockCustomer', customerId: ada }, riskOfficer),
      );
      const bobRegistered = await customers.write(
        { type: 'RegisterCustomer', customerId: bob, name: 'Bob', email: `${bob}@example.com` },
        clerk,
      );
      await fixture.startReplica();
      metas.push(
        await customers.write(
          { type: 'UpdateContactDetails', customerId: ada, name: 'Ada B' },
          clerk,
        ),
      );
      await waitUntil(
        async () =>
          (await fixture.historyOf(ada)).length === 5 &&
          (await fixture.historyOf(bob)).length === 1,
        'every change is recorded',
      );

      // Assert
      const history = await fixture.historyOf(ada);
      expect(history.map((entry) => [entry.version, entry.commandId])).toEqual(
        metas.map((meta, index) => [index + 1, meta.commandId]),
      );
      // Version 3 was diffed against version 2's entry, not recorded as a full state.
      expect(byPath(history[2]!.patch)).toEqual([
        { op: 'replace', path: '/blockedReason', value: 'fraud' },
        { op: 'replace', path: '/status', value: 'blocked' },
        { op: 'replace', path: '/updatedAt', value: iso(2) },
      ]);
      expect((await fixture.historyOf(bob))[0]).toMatchObject({
        version: 1,
        commandId: bobRegistered.commandId,
      });
      expect(await fixture.db.collection(customerHistoryCollection).countDocuments()).toBe(6);
    });
  });

  describe('when it starts after customers were written (a new chgh)', () => {
    it('records each customer at its current version with its full state, then diffs what follows', async () => {
      // Arrange: two versions of ada, one of bob, before any chgh ran
      const ada = uniqueName('ada');
      const bob = uniqueName('bob');
      await customers.write(
        { type: 'RegisterCustomer', customerId: ada, name: 'Ada', email: `${ada}@example.com` },
        clerk,
      );
      const approved = await customers.write({ type: 'ApproveKyc', customerId: ada }, kycProvider);
      await customers.write(
        { type: 'RegisterCustomer', customerId: bob, name: 'Bob', email: `${bob}@example.com` },
        clerk,
      );

      // Act
      await fixture.startReplica();
      await waitUntil(fixture.streamOpen, 'the snapshot is done and the stream open');
      const blocked = await customers.write(
        { type: 'BlockCustomer', customerId: ada, reason: 'fraud' },
        riskOfficer,
      );
      await waitUntil(
        async () => (await fixture.historyOf(ada)).length === 2,
        'the block is recorded',
      );

      // Assert: the snapshot entry is version 2 with the whole state; version 1 predates it
      const history = await fixture.historyOf(ada);
      const stored = await fixture.db
        .collection<CustomerDocument>(customersCollection)
        .findOne({ _id: ada });
      expect(history.map((entry) => [entry.version, entry.commandId])).toEqual([
        [2, approved.commandId],
        [3, blocked.commandId],
      ]);
      const snapshotState = fastJsonPatch.applyPatch(
        {},
        history[0]!.patch,
        false,
        false,
      ).newDocument;
      expect(snapshotState).toMatchObject({ id: ada, status: 'active', name: 'Ada' });
      expect(byPath(history[1]!.patch)).toEqual([
        { op: 'replace', path: '/blockedReason', value: 'fraud' },
        { op: 'replace', path: '/status', value: 'blocked' },
        { op: 'replace', path: '/updatedAt', value: iso(3) },
      ]);
      expect(stored?.version).toBe(3);
      expect((await fixture.historyOf(bob)).map((entry) => entry.version)).toEqual([1]);
    });
  });
});
