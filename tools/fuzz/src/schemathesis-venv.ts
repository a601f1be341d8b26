import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The schemathesis release `npm run test:fuzz` is verified with. */
export const schemathesisVersion = '4.32.5';

const binary = (venv: string, name: string) =>
  process.platform === 'win32'
    ? path.join(venv, 'Scripts', `${name}.exe`)
    : path.join(venv, 'bin', name);

function run(program: string, args: readonly string[], log: (line: string) => void): void {
  log(`$ ${[program, ...args].join(' ')}`);
  const result = spawnSync(program, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${path.basename(program)} ${args[0] ?? ''} exited with ${result.status}`);
  }
}

const installedVersion = (schemathesis: string): string | undefined => {
  if (!existsSync(schemathesis)) return undefined;
  const result = spawnSync(schemathesis, ['--version'], { encoding: 'utf8' });
  return /(\d+\.\d+\.\d+)/.exec(result.stdout ?? '')?.[1];
};

/**
 * The schemathesis executable of a virtualenv at `venv`, created with `python` and given the
 * pinned version when it is missing or another version; reused as it is otherwise.
 *
 * @throws Error when Python cannot create the virtualenv or pip cannot install schemathesis.
 */
export function ensureSchemathesis(
  venv: string,
  log: (line: string) => void,
  python = process.env.PYTHON ?? 'python3',
): string {
  const schemathesis = binary(venv, 'schemathesis');
  const version = installedVersion(schemathesis);
  if (version === schemathesisVersion) return schemathesis;
  log(
    version === undefined
      ? `installing schemathesis ${schemathesisVersion} into ${venv}`
      : `replacing schemathesis ${version} with ${schemathesisVersion} in ${venv}`,
  );
  if (!existsSync(binary(venv, 'python'))) run(python, ['-m', 'venv', venv], log);
  run(
    binary(venv, 'python'),
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      `schemathesis==${schemathesisVersion}`,
    ],
    log,
  );
  return schemathesis;
}
