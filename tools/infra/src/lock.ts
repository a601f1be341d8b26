import { mkdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InfraConfig } from './config';

/**
 * Serialises `up`/`down`/`reset` across processes (two Jest runs, a test run and `npm start`),
 * with a directory lock that a crashed holder cannot keep forever.
 */
export async function withLock<T>(config: InfraConfig, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(config.dataDir, 'lock');
  await mkdir(config.dataDir, { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
