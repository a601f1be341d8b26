import { copyIntoImage, hashImageFiles, type ImageFile } from './copy-files';
import { ensureImage, type BuiltImage } from './image-recipe';
import type { ImageStore } from './image-store';

/** An image of static binaries and their files, nothing else (no shell, no libc). */
export interface BinaryImageSpec {
  /** Full name, e.g. `localhost/cqrs/traefik:v3.6.12`. */
  readonly name: string;
  readonly files: readonly ImageFile[];
  readonly entrypoint: readonly string[];
  /** `uid:gid`, numeric (there is no /etc/passwd to look a name up in). */
  readonly user: string;
}

/**
 * Builds a `FROM scratch` image for static Go binaries (Traefik, CoreDNS...) built on this
 * machine: the files, the entrypoint, the user. Rebuilt only when a file or the spec changes.
 */
export function binaryImage(store: ImageStore, spec: BinaryImageSpec): Promise<BuiltImage> {
  return ensureImage(store, {
    name: spec.name,
    from: 'scratch',
    inputs: hashImageFiles(spec.files),
    populate: (root) => copyIntoImage(root, spec.files),
    config: { entrypoint: spec.entrypoint, user: spec.user },
  });
}
