import type { SoakMinute } from './verdict';
import { quantityMiB, soakVerdict } from './verdict';

const minute = (n: number, change: Partial<SoakMinute> = {}): SoakMinute => ({
  minute: n,
  requests: 6000,
  errors: 0,
  p50Ms: 8,
  p99Ms: 40,
  engineLiveHeapMiB: 200,
  engineResidentMiB: 600,
  journalEntries: 1000,
  streamLagEntries: 0,
  engineCpuMsPerRequest: 1.2,
  systemCpuMsPerRequest: 5.5,
  examinedPerRequest: 1.5,
  collectionScans: 0,
  appResidentMiB: { 'customers-cmdh': 100, 'orders-evh': 90 },
  appLiveHeapMiB: { 'customers-cmdh': 20, 'orders-evh': 18 },
  ...change,
});

describe('soakVerdict', () => {
  it('passes a run without errors whose memory stays within tolerance after warm-up', () => {
    const run = [
      minute(1),
      minute(2),
      minute(3, {
        engineLiveHeapMiB: 230,
        appResidentMiB: { 'customers-cmdh': 120, 'orders-evh': 90 },
      }),
    ];
    expect(soakVerdict(run, 2)).toEqual({ passed: true, reasons: [], warnings: [] });
  });

  it('fails on any error, in any minute, warm-up included', () => {
    expect(soakVerdict([minute(1, { errors: 1 }), minute(2), minute(3)], 2)).toEqual({
      passed: false,
      reasons: ['1 errors (5xx or no answer)'],
      warnings: [],
    });
  });

  it('fails when the engine or an app live heap grows past tolerance, not on resident growth', () => {
    const run = [
      minute(1),
      minute(2),
      minute(3, {
        engineLiveHeapMiB: 300,
        engineResidentMiB: 2000,
        appResidentMiB: { 'customers-cmdh': 100, 'orders-evh': 230 },
        appLiveHeapMiB: { 'customers-cmdh': 40, 'orders-evh': 18 },
      }),
    ];
    expect(soakVerdict(run, 2).reasons).toEqual([
      'engine live heap grew 200 MiB -> 300 MiB',
      'customers-cmdh live heap grew 20 MiB -> 40 MiB',
    ]);
  });

  it("warns, and only warns, when an app's resident memory passes its pod's memory limit", () => {
    const run = [
      minute(1, { appResidentMiB: { 'customers-cmdh': 330, 'orders-evh': 90 } }),
      minute(2),
      minute(3, { appResidentMiB: { 'customers-cmdh': 100, 'orders-evh': 300 } }),
    ];
    expect(soakVerdict(run, 2, { 'customers-cmdh': 320, 'orders-evh': 320 })).toEqual({
      passed: true,
      reasons: [],
      warnings: ['customers-cmdh resident reached 330 MiB, over its pod limit 320 MiB'],
    });
  });

  it('reads Kubernetes memory quantities in MiB', () => {
    expect(['320Mi', '1Gi', '1048576', '1024Ki', '2M'].map(quantityMiB)).toEqual([
      320,
      1024,
      1,
      1,
      2e6 / 2 ** 20,
    ]);
    expect(() => quantityMiB('lots')).toThrow('not a memory quantity: lots');
  });

  it('fails a run too short to have a minute after warm-up', () => {
    expect(soakVerdict([minute(1), minute(2)], 2).passed).toBe(false);
  });
});
