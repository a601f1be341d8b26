import { oneActiveReadiness } from './one-active';

describe('oneActiveReadiness', () => {
  const readiness = (state: {
    decided: boolean;
    leader: boolean;
    open: boolean;
    mongo?: boolean;
  }) =>
    oneActiveReadiness(
      () => Promise.resolve(state.mongo ?? true),
      { isLeader: () => state.leader, hasDecided: () => state.decided },
      { isRunning: () => state.open },
    )();

  it('is not ready before the replica tried for the lease', async () => {
    await expect(readiness({ decided: false, leader: false, open: false })).resolves.toMatchObject({
      ready: false,
    });
  });

  it('is ready as a standby, and as the leader only once its stream is open', async () => {
    await expect(readiness({ decided: true, leader: false, open: false })).resolves.toEqual({
      ready: true,
      checks: { mongo: true, leader: false, changeStream: false },
    });
    await expect(readiness({ decided: true, leader: true, open: false })).resolves.toMatchObject({
      ready: false,
    });
    await expect(readiness({ decided: true, leader: true, open: true })).resolves.toEqual({
      ready: true,
      checks: { mongo: true, leader: true, changeStream: true },
    });
  });

  it('is not ready without MongoDB', async () => {
    await expect(
      readiness({ decided: true, leader: false, open: false, mongo: false }),
    ).resolves.toMatchObject({ ready: false });
  });
});
