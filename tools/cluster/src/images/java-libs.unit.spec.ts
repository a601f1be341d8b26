import { libFiles } from './java-libs';

describe('libFiles', () => {
  it('puts every jar of a classpath into one directory', () => {
    expect(libFiles('/m2/a/a-1.jar:/m2/b/b-2.jar:', '/opt/x/libs')).toEqual([
      { from: '/m2/a/a-1.jar', to: '/opt/x/libs/a-1.jar' },
      { from: '/m2/b/b-2.jar', to: '/opt/x/libs/b-2.jar' },
    ]);
  });

  it('refuses two jars of the same name', () => {
    expect(() => libFiles('/m2/g1/core-1.jar:/m2/g2/core-1.jar', '/libs')).toThrow(
      'two jars named core-1.jar',
    );
  });
});
