import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { localImages } from './layout';
import { ctr, nodeImages } from './node-processes';

const run = promisify(execFile);

/**
 * The sandbox ("pause") image every pod needs, made here since nothing can be pulled: Debian's
 * static catatonit in an empty image, `catatonit -P` (pause mode) as its entrypoint. Built with
 * buildah and imported into the node's containerd when missing.
 */
export async function ensurePauseImage(socket: string, log: (line: string) => void) {
  if ((await nodeImages(socket)).has(localImages.pause)) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cqrs-pause-'));
  const archive = path.join(dir, 'pause.tar');
  try {
    const { stdout } = await run('buildah', ['from', 'scratch']);
    const container = stdout.trim();
    try {
      await run('buildah', [
        'copy',
        '--chmod',
        '0755',
        container,
        '/usr/bin/catatonit',
        '/catatonit',
      ]);
      await run('buildah', [
        'config',
        '--entrypoint',
        '["/catatonit","-P"]',
        '--user',
        '65535:65535',
        container,
      ]);
      await run('buildah', ['commit', '--quiet', container, localImages.pause]);
    } finally {
      await run('buildah', ['rm', container]).catch(() => undefined);
    }
    await run('buildah', [
      'push',
      '--quiet',
      localImages.pause,
      `oci-archive:${archive}:${localImages.pause}`,
    ]);
    await ctr(socket, ['images', 'import', archive]);
    log(`pause image ${localImages.pause} imported`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
