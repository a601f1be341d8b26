import { buildah, inputsLabel } from './buildah';
import type { ImageStore } from './image-store';

/**
 * A copy of `from` whose command starts and then never listens: the container runs, its probes
 * never pass, and a rollout to it can only fail (what a broken release looks like to the deploy
 * tool). For rollback tests on the real node; the kwok cluster's equivalent is the
 * `never-ready` tag.
 */
export async function neverReadyImage(store: ImageStore, from: string, to: string): Promise<void> {
  const container = (await buildah(store, ['from', '--pull=false', from])).trim();
  try {
    await buildah(store, [
      'config',
      '--cmd',
      JSON.stringify(['node', '-e', 'setInterval(() => {}, 60_000)']),
      // Not the same inputs as `from` any more: a later build must never re-tag this one.
      '--label',
      `${inputsLabel}=never-ready`,
      container,
    ]);
    await buildah(store, ['commit', '--quiet', container, to]);
  } finally {
    await buildah(store, ['rm', container]).catch(() => undefined);
  }
}
