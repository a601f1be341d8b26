import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { commandGenerator, commandNames } from './generator.ts';

describe('the command generator', () => {
  it('names the command, its event and its route from the verb', () => {
    expect(commandNames({ service: 'parcels', name: 'Archive' })).toMatchObject({
      Command: 'ArchiveParcel',
      command: 'archiveParcel',
      verb: 'archive',
      past: 'archived',
      Past: 'Archived',
    });
    expect(commandNames({ service: 'parcels', name: 'Ship', past: 'shipped' }).past).toBe(
      'shipped',
    );
    expect(commandNames({ service: 'parcels', name: 'Weigh' }).past).toBe('weighed');
    expect(() => commandNames({ service: 'parcels', name: 'archive' })).toThrow('PascalCase');
  });

  it('refuses a service that was not generated, naming the missing marker', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('libs/parcels/shared/src/commands/parcel-commands.ts', 'export const x = 1;\n');

    await expect(commandGenerator(tree, { service: 'parcels', name: 'Archive' })).rejects.toThrow(
      'libs/parcels/shared/src/commands/parcel-commands.ts has no (@command:schemas) marker',
    );
  });
});
