import { signToken } from '@cqrs/framework-core';
import { problemOf, TEST_JWT_SECRET } from '@cqrs/framework-core/testing';
import { expectUnchanged } from '@cqrs/framework-mongo/testing';
import { cmdhForFile, uniqueEmail } from './testing/cmdh-under-test';

const { cmdh, api } = cmdhForFile();

const stored = (id: string) => cmdh.customers.findOne({ _id: id });

describe('customers-cmdh authentication and roles', () => {
  const internal = [
    ['approve KYC', (id: string) => `/internal/customers/${id}/kyc/approve`, { reference: 'r' }],
    ['reject KYC', (id: string) => `/internal/customers/${id}/kyc/reject`, { reason: 'forged' }],
    [
      'record order opened',
      (id: string) => `/internal/customers/${id}/orders/o-1/opened`,
      undefined,
    ],
    [
      'record order closed',
      (id: string) => `/internal/customers/${id}/orders/o-1/closed`,
      undefined,
    ],
  ] as const;

  it.each(internal)(
    'refuses %s to a caller without the service role (403) and writes nothing',
    async (_what, path, body) => {
      // Arrange
      const id = await api.registered();
      const before = await stored(id);

      // Act
      const asClerk = await api.call('POST', path(id), { as: 'clerk', body });
      const asRisk = await api.call('POST', path(id), { as: 'risk', body });

      // Assert
      expect([asClerk.status, asRisk.status]).toEqual([403, 403]);
      expect(problemOf(asClerk).type).toMatch(/\/forbidden$/);
      await expectUnchanged(cmdh.customers, before);
    },
  );

  it.each(internal)('refuses %s without a token (401)', async (_what, path, body) => {
    // Arrange
    const id = await api.registered();
    const before = await stored(id);

    // Act
    const reply = await api.call('POST', path(id), { as: null, body });

    // Assert
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer');
    await expectUnchanged(cmdh.customers, before);
  });

  it('refuses a public command without a token (401) and stores nothing', async () => {
    // Arrange
    const email = uniqueEmail('anon');

    // Act
    const reply = await api.register({ email }, { as: null });

    // Assert
    expect(reply.status).toBe(401);
    expect(problemOf(reply).type).toMatch(/\/unauthenticated$/);
    expect(await cmdh.customers.countDocuments({ email })).toBe(0);
  });

  it('refuses a token signed with another secret (401) and stores nothing', async () => {
    // Arrange
    const email = uniqueEmail('forged');
    const forged = await signToken({
      sub: 'mallory',
      roles: ['service', 'risk'],
      secret: 'not-the-secret-of-this-app-0123456789abcdef',
      expiresIn: '5m',
    });

    // Act
    const reply = await api.register(
      { email },
      { as: null, headers: { authorization: `Bearer ${forged}` } },
    );

    // Assert
    expect(reply.status).toBe(401);
    expect(await cmdh.customers.countDocuments({ email })).toBe(0);
  });

  it('refuses an expired token (401) and stores nothing', async () => {
    // Arrange
    const email = uniqueEmail('expired');
    const expired = await signToken({
      sub: 'customers-evh',
      roles: ['service'],
      secret: TEST_JWT_SECRET,
      expiresIn: -60,
    });

    // Act
    const reply = await api.register(
      { email },
      { as: null, headers: { authorization: `Bearer ${expired}` } },
    );

    // Assert
    expect(reply.status).toBe(401);
    expect(await cmdh.customers.countDocuments({ email })).toBe(0);
  });

  it('lets a service caller use the internal routes', async () => {
    // Arrange
    const id = await api.registered();

    // Act
    const reply = await api.approveKyc(id, { as: 'service' });

    // Assert
    expect(reply.status).toBe(200);
    expect((await stored(id))?.status).toBe('active');
  });
});
