import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ComponentError, reapLeftovers, startProcess, stopManaged, waitReady } from './processes';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('control-plane processes', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'processes-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails start-up naming the component and quoting the end of its log when it exits', async () => {
    const p = startProcess(
      'etcd',
      'sh',
      ['-c', 'echo "bind: address already in use"; exit 3'],
      path.join(dir, 'etcd.log'),
    );

    const failure = waitReady(p, () => Promise.resolve(false), 30_000);

    await expect(failure).rejects.toBeInstanceOf(ComponentError);
    await expect(failure).rejects.toThrow(
      /^etcd exited during start-up \(code 3\); last lines of .*etcd\.log:\nbind: address already in use$/,
    );
  });

  it('fails start-up when the component never becomes ready', async () => {
    const p = startProcess('kwok', 'sleep', ['30'], path.join(dir, 'kwok.log'));

    await expect(waitReady(p, () => Promise.resolve(false), 300)).rejects.toThrow(
      /^kwok did not become ready/,
    );
    await stopManaged(p);
  });

  it('resolves once the probe passes', async () => {
    const p = startProcess('kube-scheduler', 'sleep', ['30'], path.join(dir, 'sched.log'));
    let calls = 0;

    await waitReady(p, () => Promise.resolve(++calls >= 2), 30_000);

    expect(calls).toBe(2);
    await stopManaged(p);
  });

  it('stops with SIGTERM and escalates to SIGKILL when ignored', async () => {
    const p = startProcess(
      'stubborn',
      'sh',
      ['-c', 'trap "" TERM; while :; do sleep 0.1; done'],
      path.join(dir, 's.log'),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    await stopManaged(p, 300);

    expect(p.exitCode()).not.toBeUndefined();
    expect(isAlive(p.pid)).toBe(false);
  });

  it('reaps leftovers of an earlier run only when they carry the marker', async () => {
    const marker = path.join(dir, 'data');
    // The marker is an argument, as the data dir is on every component's command line.
    const ours = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)', marker], {
      stdio: 'ignore',
    });
    const foreign = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pidFile = path.join(dir, 'pids');
    writeFileSync(pidFile, `${ours.pid} etcd\n${foreign.pid} other\n`);
    const oursExited = new Promise((resolve) => ours.once('exit', resolve));

    const reaped = await reapLeftovers(pidFile, marker);

    expect(reaped).toEqual([`etcd (pid ${ours.pid})`]);
    await oursExited;
    expect(isAlive(foreign.pid ?? 0)).toBe(true);
    foreign.kill('SIGKILL');
  });
});
