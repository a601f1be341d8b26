import { mountsUnder } from './remove-tree';

const mounts = [
  'proc /proc proc rw 0 0',
  'proc /cache/rootfs.build-1/proc proc rw 0 0',
  'sysfs /cache/rootfs.build-1/sys sysfs rw 0 0',
  'devpts /cache/rootfs.build-1/dev/pts devpts rw 0 0',
  'udev /cache/rootfs.build-1/dev devtmpfs rw 0 0',
  'tmpfs /cache/rootfs.build-12/proc tmpfs rw 0 0',
  'tmpfs /cache/with\\040space/x tmpfs rw 0 0',
].join('\n');

describe('mountsUnder', () => {
  it('lists the mounts below a directory, nested ones before their parents', () => {
    expect(mountsUnder('/cache/rootfs.build-1', mounts)).toEqual([
      '/cache/rootfs.build-1/dev/pts',
      '/cache/rootfs.build-1/proc',
      '/cache/rootfs.build-1/sys',
      '/cache/rootfs.build-1/dev',
    ]);
  });

  it('reads octal escapes in mount points', () => {
    expect(mountsUnder('/cache/with space', mounts)).toEqual(['/cache/with space/x']);
  });
});
