import { bundledNpmVersion } from './npm-version';

const changelog = `
<a id="24.21.0"></a>
## 2026-09-08, Version 24.21.0 'Krypton' (LTS)
* [x] - **deps**: update undici to 7.30.0
<a id="24.20.0"></a>
## 2026-08-26, Version 24.20.0 'Krypton' (LTS)
* [a] - **deps**: upgrade npm to 11.19.0 (npm team)
* [b] - **deps**: upgrade npm to 11.18.0 (npm team)
<a id="24.19.0"></a>
## 2026-08-03, Version 24.19.0 'Krypton' (LTS)
* [c] - **deps**: upgrade npm to 11.9.10 (npm team)
<a id="24.18.0"></a>
* [d] - **deps**: upgrade npm to 11.9.2 (npm team)
`;

describe('bundledNpmVersion', () => {
  it('takes the newest npm upgrade of the release or an older one', () => {
    expect(bundledNpmVersion(changelog, '24.21.0')).toBe('11.19.0');
    expect(bundledNpmVersion(changelog, '24.20.0')).toBe('11.19.0');
  });

  it('compares versions as numbers, not text', () => {
    expect(bundledNpmVersion(changelog, '24.19.0')).toBe('11.9.10');
  });

  it('fails for a release the changelog does not have', () => {
    expect(() => bundledNpmVersion(changelog, '25.0.0')).toThrow('no section for 25.0.0');
  });

  it('fails when no npm upgrade is listed', () => {
    expect(() => bundledNpmVersion('<a id="1.0.0"></a> nothing', '1.0.0')).toThrow('names no npm');
  });
});
