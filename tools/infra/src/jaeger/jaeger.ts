import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { jaegerConfig, type JaegerPorts } from './jaeger-config';

export interface StartJaegerOptions {
  /** The binary, from `ensureJaegerBinary`. */
  readonly binary: string;
  readonly ports: JaegerPorts;
  /** Where its log goes (`<logDir>/jaeger.log`). */
  readonly logDir: string;
  /** How long it may take to answer its query API (default 30 s). */
  readonly readyTimeoutMs?: number;
}

/** A Jaeger this process started. */
export interface RunningJaeger {
  /** The UI and query API, e.g. `http://127.0.0.1:16686` (`/api/traces/{traceId}`). */
  readonly url: string;
  /** What the apps export to: their `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  readonly otlpEndpoint: string;
  readonly logFile: string;
  /** SIGTERM, then SIGKILL after 5 s; its traces are gone (in-memory storage). */
  stop(): Promise<void>;
}

/**
 * Starts Jaeger (see `jaegerConfig`: OTLP/HTTP in, traces in memory, UI and query API, all on
 * 127.0.0.1) as a child of this process and waits until its query API answers.
 */
export async function startJaeger(options: StartJaegerOptions): Promise<RunningJaeger> {
  const configDir = mkdtempSync(path.join(tmpdir(), 'cqrs-jaeger-'));
  const configFile = path.join(configDir, 'config.yaml');
  writeFileSync(configFile, jaegerConfig(options.ports));
  mkdirSync(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, 'jaeger.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(options.binary, ['--config', `file:${configFile}`], {
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.ports.ui}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(configDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`jaeger exited with ${child.exitCode}; see ${logFile}`);
    }
    const answer = await fetch(`${url}/api/services`).catch(() => undefined);
    if (answer?.ok === true) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`jaeger did not answer on ${url} in time; see ${logFile}`);
    }
    await sleep(200);
  }
  return { url, otlpEndpoint: `http://127.0.0.1:${options.ports.otlpHttp}`, logFile, stop };
}
