import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@cqrs/tools-infra';
import { parseDockerfile, stagesOf } from './dockerfile';

const dockerfile = readFileSync(path.join(repoRoot, 'deploy/Dockerfile'), 'utf8');
const instructions = parseDockerfile(dockerfile);
const stages = stagesOf(instructions);
const runtime = stages.at(-1);
const last = (keyword: string) => runtime?.instructions.filter((i) => i.keyword === keyword).at(-1);

describe('parseDockerfile', () => {
  it('joins continuation lines and drops comments', () => {
    expect(parseDockerfile('# c\nFROM a AS b\nRUN x \\\n  # inner\n  && y\n\nCMD ["z"]\n')).toEqual(
      [
        { keyword: 'FROM', args: 'a AS b', line: 2 },
        { keyword: 'RUN', args: 'x && y', line: 3 },
        { keyword: 'CMD', args: '["z"]', line: 7 },
      ],
    );
  });
});

describe('deploy/Dockerfile', () => {
  it('builds in stages and runs on the Node 24 the workspace tests with', () => {
    const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const nodeArg = instructions.find(
      (i) => i.keyword === 'ARG' && i.args.startsWith('NODE_VERSION='),
    );

    expect(stages.map((s) => s.name)).toEqual(['deps', 'runtime']);
    expect(nodeArg?.args).toBe(`NODE_VERSION=${lock.packages['node_modules/node']?.version}`);
    expect(nodeArg?.args).toMatch(/^NODE_VERSION=24\./);
    for (const stage of stages)
      expect(stage.from.args).toMatch(/^node:\$\{NODE_VERSION\}-\S+-slim AS /);
  });

  it('installs production dependencies only, from the bundle the app target built', () => {
    const install = stages[0]?.instructions.filter((i) => i.keyword === 'RUN') ?? [];

    expect(install.map((i) => i.args).join(' ')).toMatch(/npm ci --omit=dev/);
    const copies = instructions.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'));
    for (const copy of copies) expect(copy.args).toMatch(/dist\/apps\/\$\{APP\}\//);
  });

  it('runs as a numeric non-root user', () => {
    const user = last('USER')?.args ?? '';

    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
  });

  it('starts node dist/main.js as PID 1, in exec form, without a shell or wrapper', () => {
    expect(runtime?.instructions.some((i) => i.keyword === 'ENTRYPOINT')).toBe(false);
    expect(JSON.parse(last('CMD')?.args ?? 'null')).toEqual(['node', 'dist/main.js']);
  });

  it('sends only the app bundles to the build context', () => {
    const ignore = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));

    expect(ignore).toEqual(['*', '!dist/apps/']);
  });
});
