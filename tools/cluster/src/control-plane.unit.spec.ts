import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClusterBinaries } from './binaries';
import { startControlPlane } from './control-plane';

const noBinaries = {} as ClusterBinaries;

describe('startControlPlane', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'control-plane-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to wipe a directory that is not empty and not a control plane directory', async () => {
    writeFileSync(path.join(dir, 'precious.txt'), 'keep me');

    await expect(startControlPlane({ dir, binaries: noBinaries })).rejects.toThrow(
      /^refusing to use/,
    );
    expect(existsSync(path.join(dir, 'precious.txt'))).toBe(true);
  });
});
