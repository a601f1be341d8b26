import type { Actor } from '@cqrs/framework-core';
import { metricsText, readyz, uniqueName, waitUntil } from '@cqrs/framework-core/testing';
import { customerHistoryCollection } from '@cqrs/customers-shared';
import type { RunningApp } from '@cqrs/framework-core';
import { chghFixture } from './testing/chgh-fixture';
import { customerWrites } from './testing/customer-writes';

const clerk: Actor = { sub: 'clerk-7', roles: ['customer_support'] };
const riskOfficer: Actor = { sub: 'rita', roles: ['risk'] };

/** A sample of the change-stream lag gauge of `stream`, set only after a handled batch. */
const lagSampleOf = (stream: string) =>
  new RegExp(`^change_stream_lag_seconds\\{[^}]*stream="${stream}"[^}]*\\} [0-9.e+-]+$`, 'm');

const isLeader = async (app: RunningApp) => (await readyz(app)).body.checks.leader === true;

describe('customers-chgh replicas', () => {
  let fixture: Awaited<ReturnType<typeof chghFixture>>;
  let customers: ReturnType<typeof customerWrites>;

  beforeEach(async () => {
    fixture = await chghFixture();
    customers = customerWrites(fixture.db);
  });
  afterEach(async () => {
    await fixture.close();
  });

  describe('when one runs', () => {
    it('is ready as the leader with its stream running, and reports the stream lag', async () => {
      // Arrange
      const app = await fixture.startReplica();
      await waitUntil(fixture.streamOpen, 'the change stream is open');
      const customerId = uniqueName('cust');

      // Act
      await customers.write(
        { type: 'RegisterCustomer', customerId, name: 'Ada', email: `${customerId}@example.com` },
        clerk,
      );
      await waitUntil(
        async () => (await fixture.historyOf(customerId)).length === 1,
        'the registration is recorded',
      );

      // Assert
      expect(await readyz(app)).toEqual({
        status: 200,
        body: {
          ready: true,
          checks: { mongo: true, leader: true, changeStream: true },
          stopping: false,
        },
      });
      expect(await metricsText(app)).toMatch(lagSampleOf(fixture.streamName));
    });
  });

  describe('when two run at once', () => {
    it('records every change once on the lease holder; the standby is ready and takes over when it stops', async () => {
      // Arrange
      const a = await fixture.startReplica();
      const b = await fixture.startReplica();
      await waitUntil(
        async () => (await isLeader(a)) !== (await isLeader(b)),
        'exactly one replica leads',
      );
      await waitUntil(fixture.streamOpen, 'the change stream is open');
      const [leader, standby] = (await isLeader(a)) ? [a, b] : [b, a];
      const customerId = uniqueName('cust');
      const metas = [
        await customers.write(
          { type: 'RegisterCustomer', customerId, name: 'Ada', email: `${customerId}@example.com` },
          clerk,
        ),
        await customers.write({ type: 'ApproveKyc', customerId }, clerk),
      ];
      await waitUntil(
        async () => (await fixture.historyOf(customerId)).length === 2,
        'the first two versions are recorded',
      );

      // Assert: one streams, the other is an idle but ready standby
      expect(await readyz(leader)).toMatchObject({
        status: 200,
        body: { ready: true, checks: { mongo: true, leader: true, changeStream: true } },
      });
      expect(await readyz(standby)).toMatchObject({
        status: 200,
        body: { ready: true, checks: { mongo: true, leader: false, changeStream: false } },
      });
      expect(await metricsText(leader)).toMatch(lagSampleOf(fixture.streamName));
      expect(await metricsText(standby)).not.toMatch(lagSampleOf(fixture.streamName));

      // Act: the leader stops; a change lands before the standby has taken over
      await fixture.stopReplica(leader);
      metas.push(
        await customers.write({ type: 'BlockCustomer', customerId, reason: 'fraud' }, riskOfficer),
      );
      await waitUntil(() => isLeader(standby), 'the standby takes over');
      metas.push(
        await customers.write({ type: 'UnblockCustomer', customerId }, riskOfficer),
        await customers.write({ type: 'UpdateContactDetails', customerId, name: 'Ada B' }, clerk),
      );
      await waitUntil(
        async () => (await fixture.historyOf(customerId)).length === 5,
        'every version is recorded',
      );

      // Assert: no gap, nothing twice, and the new leader is the one streaming now
      const history = await fixture.historyOf(customerId);
      expect(history.map((entry) => [entry.version, entry.commandId])).toEqual(
        metas.map((meta, index) => [index + 1, meta.commandId]),
      );
      expect(await fixture.db.collection(customerHistoryCollection).countDocuments()).toBe(5);
      expect(await readyz(standby)).toMatchObject({
        status: 200,
        body: { ready: true, checks: { mongo: true, leader: true, changeStream: true } },
      });
      expect(await metricsText(standby)).toMatch(lagSampleOf(fixture.streamName));
    });
  });
});
