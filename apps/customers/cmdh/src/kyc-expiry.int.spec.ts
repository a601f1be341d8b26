import { deriveId } from '@cqrs/framework-command-handling';
import type { CustomerDocument } from '@cqrs/customers-shared';
import type { RunningApp } from '@cqrs/framework-core';
import { commandCounts, countOf, outcomeOf, waitUntil } from '@cqrs/framework-core/testing';
import { recordWrites } from '@cqrs/framework-mongo/testing';
import type { CmdhClient, TestDb } from './testing/cmdh-under-test';
import { cmdhClient, openTestDb, startCmdh } from './testing/cmdh-under-test';

// KYC pending longer than a second expires; the job looks every 200 ms. A standby tries to take
// the lease every 2 s (ttl / 3), so it takes over soon after the holder stops cleanly.
const fastExpiry = {
  KYC_EXPIRE_AFTER_MS: '1000',
  KYC_EXPIRY_INTERVAL_MS: '200',
  KYC_EXPIRY_LEASE_TTL_MS: '6000',
};

const expiryActor = { sub: 'customers-cmdh/kyc-expiry', roles: ['service'] };

describe('customers-cmdh KYC expiry job', () => {
  let database: TestDb;
  const apps: RunningApp[] = [];

  const startApp = async () => {
    const app = await startCmdh(database.name, fastExpiry);
    apps.push(app);
    return app;
  };
  const stored = (id: string) => database.customers.findOne({ _id: id });
  const statusOf = async (id: string) => (await stored(id))?.status;
  const expireCount = async (app: RunningApp) =>
    countOf(await commandCounts(app), { command: 'ExpireKyc' });

  beforeEach(async () => {
    database = await openTestDb();
  });
  afterEach(async () => {
    try {
      await Promise.all(apps.splice(0).map((app) => app.stop()));
    } finally {
      await database.drop();
    }
  });

  it('rejects KYC left pending too long with reason kyc_expired, and leaves an approved one alone', async () => {
    // Arrange
    const api: CmdhClient = cmdhClient((await startApp()).url);
    const approved = await api.registered();
    const approval = await api.approveKyc(approved);
    const pending = await api.registered();

    // Act: the pending customer was registered after the approved one, so once it expired the
    // job had looked at the approved one too.
    await waitUntil(async () => (await statusOf(pending)) === 'rejected', 'the KYC expired');

    // Assert
    expect(approval.status).toBe(200);
    expect(await stored(pending)).toMatchObject({
      status: 'rejected',
      version: 2,
      kyc: { status: 'rejected', reason: 'kyc_expired', decidedAt: expect.any(Date) as unknown },
      lastEvent: {
        type: 'customer.kyc_rejected.v1',
        version: 2,
        data: { customerId: pending, reason: 'kyc_expired' },
        actor: expiryActor,
        commandId: deriveId('kyc-expiry', pending),
        correlationId: deriveId('kyc-expiry', pending),
      },
    });
    expect(await stored(approved)).toMatchObject({
      status: 'active',
      version: 2,
      kyc: { status: 'approved' },
      lastEvent: { type: 'customer.kyc_approved.v1' },
    });
  });

  it('refuses a KYC decision that arrives after the expiry (422 not_pending_kyc)', async () => {
    // Arrange
    const api = cmdhClient((await startApp()).url);
    const id = await api.registered();
    await waitUntil(async () => (await statusOf(id)) === 'rejected', 'the KYC expired');
    const before = await stored(id);

    // Act
    const late = await api.approveKyc(id);

    // Assert
    expect(outcomeOf(late)).toEqual({ status: 422, reason: 'not_pending_kyc' });
    expect(await stored(id)).toEqual(before);
  });

  it('expires each customer once with two replicas, the job running on the lease holder only', async () => {
    // Arrange
    const writes = await recordWrites(database.customers);
    try {
      const [first, second] = [await startApp(), await startApp()];
      const api = cmdhClient(first.url);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await api.registered());

      // Act
      await waitUntil(
        async () => (await database.customers.countDocuments({ status: 'rejected' })) === 6,
        'every KYC expired',
      );
      // One more customer, expired later, shows the job kept running after the first ones.
      const later = await api.registered();
      await waitUntil(async () => (await statusOf(later)) === 'rejected', 'the later KYC expired');

      // Assert: one expiry event per customer, at version 2, never a second one.
      const all = [...ids, later];
      const customers = await database.customers.find({ _id: { $in: all } }).toArray();
      expect(
        customers.map((c) => [c.version, c.kyc.status, 'reason' in c.kyc && c.kyc.reason]),
      ).toEqual(all.map(() => [2, 'rejected', 'kyc_expired']));
      const expiries = (d: CustomerDocument) => d.lastEvent.type === 'customer.kyc_rejected.v1';
      await waitUntil(() => {
        writes.check();
        return new Set(writes.written.filter(expiries).map((d) => d._id)).size === all.length;
      }, 'the change stream saw every expiry');
      expect(
        writes.written
          .filter(expiries)
          .map((d) => d._id)
          .sort(),
      ).toEqual([...all].sort());
      // Only one replica ran the job: the other never even tried an expiry.
      const perApp = [await expireCount(first), await expireCount(second)];
      expect([...perApp].sort()).toEqual([0, 7]);
      const leases = await database.db.collection('leases').find().toArray();
      expect(leases.map((l) => l._id)).toEqual(['customers-cmdh:kyc-expiry']);
    } finally {
      await writes.close();
    }
  });

  it('moves the job to the other replica when the lease holder stops', async () => {
    // Arrange
    const [first, second] = [await startApp(), await startApp()];
    const api = cmdhClient(first.url);
    const early = await api.registered();
    await waitUntil(async () => (await statusOf(early)) === 'rejected', 'the first KYC expired');
    const leader = (await expireCount(first)) > 0 ? first : second;
    const standby = leader === first ? second : first;
    // The other replica is a standby: it has not run the job.
    expect(await expireCount(standby)).toBe(0);

    // Act
    await leader.stop();
    const late = await cmdhClient(standby.url).registered();

    // Assert
    await waitUntil(async () => (await statusOf(late)) === 'rejected', 'the standby expired it');
    expect(await expireCount(standby)).toBe(1);
    expect(await stored(late)).toMatchObject({ version: 2, kyc: { reason: 'kyc_expired' } });
  });
});
