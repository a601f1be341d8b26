import { parseInfraConfig } from './config';
import { planUp, type Standing } from './pairing';

const persisted = parseInfraConfig({ INFRA_DATA_DIR: '/tmp/pair' });
const inMemory = parseInfraConfig({ INFRA_DATA_DIR: '/tmp/pair', MONGO_PERSIST: 'false' });

const stopped = (hasData: boolean): Standing => ({ run: 'stopped', hasData });
const ours = (pid: number, hasData = true, sameMode = true): Standing => ({
  run: 'ours',
  pid,
  sameMode,
  hasData,
});
const elsewhere: Standing = { run: 'elsewhere' };

const reasonOf = (plan: ReturnType<typeof planUp>) => (plan.start ? undefined : plan.reason);

describe('planUp', () => {
  describe('when the engine persists (the default)', () => {
    it('starts a pair that has no state yet', () => {
      expect(planUp(persisted, stopped(false), stopped(false))).toEqual({
        start: true,
        wipeKafka: false,
      });
    });

    it('starts a pair whose halves both have state, keeping it', () => {
      expect(planUp(persisted, stopped(true), stopped(true))).toEqual({
        start: true,
        wipeKafka: false,
      });
    });

    it('restarts one half next to the other still running, when both have state', () => {
      expect(planUp(persisted, ours(7), stopped(true)).start).toBe(true);
      expect(planUp(persisted, stopped(true), ours(8)).start).toBe(true);
    });

    it('refuses Kafka topics next to an engine without data, naming --fresh and infra:reset', () => {
      const reason = reasonOf(planUp(persisted, stopped(true), stopped(false)));

      expect(reason).toMatch(/Kafka has topics in \/tmp\/pair\/kafka/);
      expect(reason).toMatch(/no data file \(\/tmp\/pair\/mongo\/engine\.mv\.db\)/);
      expect(reason).toMatch(/npm run infra:reset/);
      expect(reason).toMatch(/npm start -- --fresh/);
    });

    it('refuses a running Kafka with topics next to an engine that has none', () => {
      expect(reasonOf(planUp(persisted, ours(7), stopped(false)))).toMatch(/infra:reset/);
    });

    it('refuses engine data next to a Kafka without topics', () => {
      const reason = reasonOf(planUp(persisted, stopped(false), stopped(true)));

      expect(reason).toMatch(/engine has data in \/tmp\/pair\/mongo\/engine\.mv\.db/);
      expect(reason).toMatch(/infra:reset/);
    });

    it('refuses an engine running in memory, asking to stop it first', () => {
      const reason = reasonOf(planUp(persisted, stopped(true), ours(8, false, false)));

      expect(reason).toMatch(/The engine is running \(pid 8\) in memory/);
      expect(reason).toMatch(/npm run infra:down/);
    });

    it('does not pair-check a half that lives elsewhere (external URL, foreign process)', () => {
      expect(planUp(persisted, stopped(true), elsewhere)).toEqual({
        start: true,
        wipeKafka: false,
      });
      expect(planUp(persisted, elsewhere, stopped(true)).start).toBe(true);
    });
  });

  describe('when the engine runs in memory (MONGO_PERSIST=false)', () => {
    it('starts both empty: the throwaway Kafka logs of an earlier run are wiped', () => {
      expect(planUp(inMemory, stopped(true), stopped(false))).toEqual({
        start: true,
        wipeKafka: true,
      });
    });

    it("keeps Kafka's logs when it restarts next to the in-memory engine still running", () => {
      expect(planUp(inMemory, stopped(true), ours(8, false))).toEqual({
        start: true,
        wipeKafka: false,
      });
    });

    it('refuses a Kafka still running next to an in-memory engine that stopped', () => {
      const reason = reasonOf(planUp(inMemory, ours(7), stopped(false)));

      expect(reason).toMatch(/Kafka \(pid 7\) still holds the topics/);
      expect(reason).toMatch(/npm run infra:down/);
    });

    it('refuses a half still running with its state on disk', () => {
      const reason = reasonOf(planUp(inMemory, ours(7, true, false), stopped(false)));

      expect(reason).toMatch(/Kafka is running \(pid 7\) with its state on disk/);
      expect(reason).toMatch(/MONGO_PERSIST=false/);
    });

    it('starts Kafka empty next to an engine that lives elsewhere', () => {
      expect(planUp(inMemory, stopped(true), elsewhere)).toEqual({ start: true, wipeKafka: true });
    });
  });
});
