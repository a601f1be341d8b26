import type { SoakMinute } from './verdict';
import { soakVerdict } from './verdict';

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
    expect(soakVerdict(run, 2)).toEqual({ passed: true, reasons: [] });
  });

  it('fails on any error, in any minute, warm-up included', () => {
    expect(soakVerdict([minute(1, { errors: 1 }), minute(2), minute(3)], 2)).toEqual({
      passed: false,
      reasons: ['1 errors (5xx or no answer)'],
    });
  });

  it('fails when the engine live heap or an app grows past tolerance, not on engine resident', () => {
    const run = [
      minute(1),
      minute(2),
      minute(3, {
        engineLiveHeapMiB: 300,
        engineResidentMiB: 2000,
        appResidentMiB: { 'customers-cmdh': 100, 'orders-evh': 130 },
      }),
    ];
    expect(soakVerdict(run, 2).reasons).toEqual([
      'engine live heap grew 200 MiB -> 300 MiB',
      'orders-evh resident grew 90 MiB -> 130 MiB',
    ]);
  });

  it('fails a run too short to have a minute after warm-up', () => {
    expect(soakVerdict([minute(1), minute(2)], 2).passed).toBe(false);
  });
});
