import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { GeneratorCallback, Tree } from '@nx/devkit';
import { formatFiles, generateFiles, updateJson } from '@nx/devkit';

export interface ServiceSchema {
  /** The service: a plural lowercase word, e.g. `parcels`. */
  readonly name: string;
  /** Its aggregate, a lowercase word (default: the name without its final `s`). */
  readonly entity?: string;
  /** Leaves openapi.yaml as it is (tests that check it themselves). */
  readonly skipOpenapi?: boolean;
}

/** The names a template uses, from `parcels`: `parcels`, `Parcels`, `parcel`, `Parcel`. */
export interface ServiceNames {
  readonly name: string;
  readonly Name: string;
  readonly entity: string;
  readonly Entity: string;
}

const word = /^[a-z][a-z0-9]*$/;
const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** @throws Error when the name or entity cannot name a service, its apps and its types. */
export function serviceNames(options: Pick<ServiceSchema, 'name' | 'entity'>): ServiceNames {
  const { name } = options;
  const entity = options.entity ?? name.replace(/s$/, '');
  if (!word.test(name)) throw new Error(`"${name}" is not a lowercase word`);
  if (!word.test(entity) || entity === name) {
    throw new Error(`"${entity}" cannot name the aggregate of ${name}; pass --entity`);
  }
  return { name, Name: capitalized(name), entity, Entity: capitalized(entity) };
}

/** The template files, in this repository (also in a copy of it, where tests generate). */
const templates = (tree: Tree): string =>
  path.join(tree.root, 'tools/plugin/src/generators/service/files');

/** `@cqrs/<name>-shared` (and its testing entry point, if any) in tsconfig.base.json. */
export function registerPaths(tree: Tree, { name }: ServiceNames): void {
  updateJson(tree, 'tsconfig.base.json', (json: { compilerOptions: { paths: object } }) => {
    const paths: Record<string, string[]> = { ...json.compilerOptions.paths };
    paths[`@cqrs/${name}-shared`] = [`./libs/${name}/shared/src/index.ts`];
    const testing = `libs/${name}/shared/src/testing/index.ts`;
    if (tree.exists(testing)) paths[`@cqrs/${name}-shared/testing`] = [`./${testing}`];
    json.compilerOptions.paths = paths;
    return json;
  });
}

/**
 * The service's scope in eslint.config.mjs: its projects depend on their own scope and the
 * framework only, and the tools may read it.
 */
export function registerScope(tree: Tree, { name }: ServiceNames): void {
  const file = 'eslint.config.mjs';
  const text = tree.read(file, 'utf8') ?? '';
  const toolsRule =
    /(\s*)\{\s*sourceTag: 'scope:tools',\s*onlyDependOnLibsWithTags: \[([^\]]*)\],?\s*\},/;
  const match = toolsRule.exec(text);
  if (!match) throw new Error(`${file}: no depConstraint for scope:tools to extend`);
  if (text.includes(`'scope:${name}'`)) throw new Error(`${file}: scope:${name} exists already`);
  const indent = match[1] ?? '\n  ';
  const tags = [
    ...(match[2] ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    `'scope:${name}'`,
  ];
  const own = `${indent}{ sourceTag: 'scope:${name}', onlyDependOnLibsWithTags: ['scope:${name}', 'scope:framework'] },`;
  const tools = `${indent}{ sourceTag: 'scope:tools', onlyDependOnLibsWithTags: [${tags.join(', ')}] },`;
  tree.write(file, text.replace(toolsRule, own + tools));
}

/** The service's descriptor in the workspace registry (tools/workspace/src/services.ts). */
export function registerService(tree: Tree, { name }: ServiceNames): void {
  const file = 'tools/workspace/src/services.ts';
  const text = tree.read(file, 'utf8') ?? '';
  const list = /(export const workspaceServices: readonly ServiceDescriptor\[\] = \[)([^\]]*)(\];)/;
  const match = list.exec(text);
  if (!match) throw new Error(`${file}: no workspaceServices list to extend`);
  const entries = (match[2] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const updated = text
    .replace(list, `$1${[...entries, `${name}Service`].join(', ')}$3`)
    .replace(
      /^(import [^\n]+\n)(?!import )/m,
      `$1import { ${name}Service } from '@cqrs/${name}-shared';\n`,
    );
  tree.write(file, updated);
}

/**
 * `nx g @cqrs/plugin:service <name>`: the shared lib with a sample aggregate (open -> closed),
 * the seven apps, and the service registered where the workspace must know it (path aliases,
 * lint scopes, the registry read by openapi.yaml, the gateway and deploy). openapi.yaml is
 * regenerated after the files are written.
 */
export async function serviceGenerator(
  tree: Tree,
  options: ServiceSchema,
): Promise<GeneratorCallback> {
  const names = serviceNames(options);
  if (tree.exists(`apps/${names.name}`) || tree.exists(`libs/${names.name}`)) {
    throw new Error(`${names.name} exists already`);
  }
  generateFiles(tree, templates(tree), '.', {
    ...names,
    NAME: names.name.toUpperCase(),
    ENTITY: names.entity.toUpperCase(),
    tmpl: '',
  });
  registerPaths(tree, names);
  registerScope(tree, names);
  registerService(tree, names);
  await formatFiles(tree);
  return () => {
    if (options.skipOpenapi) return;
    execFileSync('npm', ['run', '-s', 'openapi'], { cwd: tree.root, stdio: 'inherit' });
  };
}

export default serviceGenerator;
