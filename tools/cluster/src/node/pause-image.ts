import { binaryImage } from '../images/binary-image';
import type { ImageStore } from '../images/image-store';
import { loadImages } from '../images/load-images';
import { localImages } from './layout';

/**
 * The sandbox ("pause") image every pod needs, made here since nothing can be pulled: Debian's
 * static catatonit in an empty image, `catatonit -P` (pause mode) as its entrypoint, loaded
 * into the node's containerd (skipped when it is there already).
 */
export async function ensurePauseImage(
  store: ImageStore,
  socket: string,
  log: (line: string) => void,
): Promise<void> {
  const image = await binaryImage(store, {
    name: localImages.pause,
    files: [{ from: '/usr/bin/catatonit', to: '/catatonit', mode: 0o755 }],
    entrypoint: ['/catatonit', '-P'],
    user: '65535:65535',
  });
  await loadImages(store, [image.name], socket, log);
}
