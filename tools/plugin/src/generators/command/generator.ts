import { execFileSync } from 'node:child_process';
import type { GeneratorCallback, Tree } from '@nx/devkit';
import { formatFiles } from '@nx/devkit';
import { serviceNames, type ServiceNames } from '../service/generator.ts';

export interface CommandSchema {
  /** A service made by `@cqrs/plugin:service`, e.g. `parcels`. */
  readonly service: string;
  /** The command's verb in PascalCase, e.g. `Archive` (the command is `ArchiveParcel`). */
  readonly name: string;
  /** The event's past tense (default: the verb + `d` or `ed`, e.g. `archived`). */
  readonly past?: string;
  readonly entity?: string;
  readonly skipOpenapi?: boolean;
}

/** The names of a command, from `Archive` on `parcels`. */
export interface CommandNames extends ServiceNames {
  /** `ArchiveParcel` */
  readonly Command: string;
  /** `archiveParcel` */
  readonly command: string;
  /** `archive`: the route's last path segment. */
  readonly verb: string;
  /** `archived`: the event is `parcel.archived.v1`. */
  readonly past: string;
  /** `Archived` */
  readonly Past: string;
}

/** @throws Error when the verb or its past tense cannot name a command, an event and a route. */
export function commandNames(options: CommandSchema): CommandNames {
  const service = serviceNames({ name: options.service, entity: options.entity });
  if (!/^[A-Z][a-z]+$/.test(options.name)) {
    throw new Error(`"${options.name}" is not a verb in PascalCase (e.g. Archive)`);
  }
  const verb = options.name.toLowerCase();
  const past = options.past ?? (verb.endsWith('e') ? `${verb}d` : `${verb}ed`);
  if (!/^[a-z]+$/.test(past)) throw new Error(`"${past}" is not a lowercase past tense`);
  const Command = `${options.name}${service.Entity}`;
  return {
    ...service,
    Command,
    command: `${verb}${service.Entity}`,
    verb,
    past,
    Past: past.charAt(0).toUpperCase() + past.slice(1),
  };
}

/** Inserts `text` before the line of `// (@command:<slot>)`, indented like it. */
function insertAt(tree: Tree, file: string, slot: string, text: string): void {
  const content = tree.read(file, 'utf8');
  if (content === null) throw new Error(`${file} does not exist`);
  const marker = new RegExp(`^([ \\t]*)//[^\\n]*\\(@command:${slot}\\)[^\\n]*$`, 'm');
  const match = marker.exec(content);
  if (!match) {
    throw new Error(
      `${file} has no (@command:${slot}) marker: @cqrs/plugin:command adds commands to services ` +
        'made by @cqrs/plugin:service; add this one by hand (README: Add a command)',
    );
  }
  const indent = match[1] ?? '';
  const lines = text
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? '' : indent + line))
    .join('\n');
  tree.write(file, content.slice(0, match.index) + lines + '\n' + content.slice(match.index));
}

/** Adds `import { names } from 'from'` after the file's last import. */
function addImport(tree: Tree, file: string, names: string, from: string): void {
  const content = tree.read(file, 'utf8') ?? '';
  const imports = [...content.matchAll(/^import [^;]+;\n/gm)];
  const last = imports.at(-1);
  const at = last === undefined ? 0 : last.index + last[0].length;
  tree.write(
    file,
    `${content.slice(0, at)}import { ${names} } from '${from}';\n${content.slice(at)}`,
  );
}

/**
 * `nx g @cqrs/plugin:command <service> <Verb>`: a new command on the service's aggregate, end
 * to end: its schema, its event (schema, catalog entry), its `decide` and `evolve` cases, the
 * request body, the public route `POST /<service>/{id}/<verb>` and its cmdh handler, and a unit
 * spec of its decisions. The decision is a skeleton (accepted while open, refused once closed)
 * and the event changes nothing in the state yet: both are the developer's to write.
 */
export async function commandGenerator(
  tree: Tree,
  options: CommandSchema,
): Promise<GeneratorCallback> {
  const n = commandNames(options);
  const lib = `libs/${n.name}/shared/src`;
  const { entity, Entity, name, Command, command, verb, past, Past } = n;

  insertAt(
    tree,
    `${lib}/commands/${entity}-commands.ts`,
    'schemas',
    [
      `/** ${options.name}s an open ${entity}. */`,
      `export const ${command}Schema = command('${Command}', {});`,
      '',
    ].join('\n'),
  );
  insertAt(tree, `${lib}/commands/${entity}-commands.ts`, 'union', `${command}Schema,`);
  insertAt(
    tree,
    `${lib}/commands/${entity}-commands.ts`,
    'types',
    `export type ${Command} = z.infer<typeof ${command}Schema>;`,
  );

  const events = `${lib}/events/${entity}-events.ts`;
  insertAt(tree, events, 'event-types', `${past}: '${entity}.${past}.v1',`);
  insertAt(
    tree,
    events,
    'event-data',
    [
      `/** \`${entity}.${past}.v1\`: a ${entity} was ${past}. */`,
      `export const ${entity}${Past}DataSchema = eventData({});`,
      '',
    ].join('\n'),
  );
  insertAt(
    tree,
    events,
    'event-union',
    `event(${entity}EventTypes.${past}, ${entity}${Past}DataSchema),`,
  );
  const catalog = `${lib}/events/event-catalog.ts`;
  insertAt(
    tree,
    catalog,
    'catalog',
    [
      '{',
      `  type: ${entity}EventTypes.${past},`,
      `  description: 'A ${entity} was ${past}.',`,
      `  dataSchema: ${entity}${Past}DataSchema,`,
      '},',
    ].join('\n'),
  );
  addImport(tree, catalog, `${entity}${Past}DataSchema`, `./${entity}-events`);

  insertAt(
    tree,
    `${lib}/aggregate/decide.ts`,
    'decide',
    [
      `case '${Command}':`,
      `  if (state.status === 'closed') {`,
      `    return reject('rule_violated', reasons.alreadyClosed, \`${Entity} \${state.id} is closed\`);`,
      '  }',
      `  return accept({ type: ${entity}EventTypes.${past}, ${entity}Id: state.id, occurredAt });`,
    ].join('\n'),
  );
  insertAt(
    tree,
    `${lib}/aggregate/evolve.ts`,
    'evolve',
    [
      `case ${entity}EventTypes.${past}:`,
      `  if (!state) throw impossible(event, 'it does not exist');`,
      `  // What \`${past}\` changes in the ${entity}'s state: nothing yet.`,
      '  return { ...state };',
    ].join('\n'),
  );

  const bodies = `${lib}/api/request-bodies.ts`;
  insertAt(
    tree,
    bodies,
    'bodies',
    [
      `/** \`POST /${name}/{id}/${verb}\`. */`,
      `export const ${command}BodySchema = z.strictObject({});`,
      '',
    ].join('\n'),
  );

  const routes = `${lib}/routes/cmdh-routes.ts`;
  insertAt(
    tree,
    routes,
    'routes',
    [
      `/** \`POST /${name}/{id}/${verb}\`: ${verb} an open ${entity}. */`,
      `export const ${command}Route = defineRoute({`,
      '  ...command,',
      "  method: 'post',",
      `  path: '/${name}/{id}/${verb}',`,
      `  operationId: '${command}',`,
      `  summary: '${options.name} a ${entity}',`,
      `  params: ${entity}ParamsSchema,`,
      '  headers: commandHeadersSchema,',
      `  body: ${command}BodySchema,`,
      '  responses: {',
      `    200: ${entity}Changed('${Past}'),`,
      '    ...commandProblems,',
      '    412: staleVersion,',
      '    422: refused(reasons.alreadyClosed),',
      '  },',
      '});',
      '',
    ].join('\n'),
  );
  addImport(tree, routes, `${command}BodySchema`, '../api/request-bodies');
  const serviceRoutes = `${lib}/routes/${name}-routes.ts`;
  insertAt(tree, serviceRoutes, 'cmdh-routes', `${command}Route,`);
  addImport(tree, serviceRoutes, `${command}Route`, './cmdh-routes');
  insertAt(
    tree,
    `${lib}/routes/${name}-routes.unit.spec.ts`,
    'route-list',
    `'POST /${name}/{id}/${verb} cmdh public',`,
  );

  const handlers = `apps/${name}/cmdh/src/routes.ts`;
  insertAt(
    tree,
    handlers,
    'handlers',
    [
      `bindRoute(${command}Route, async (request) => {`,
      `  const command = { type: '${Command}', ${entity}Id: request.params.id } as const;`,
      `  return { status: 200, ...(await run('${command}', request, command)) };`,
      '}),',
    ].join('\n'),
  );
  addImport(tree, handlers, `${command}Route`, `@cqrs/${name}-shared`);

  tree.write(
    `${lib}/aggregate/${entity}-${verb}.unit.spec.ts`,
    [
      "import { deciderSpec } from '@cqrs/framework-command-handling/testing';",
      `import type { ${Entity}Command } from '../commands/${entity}-commands';`,
      `import { at, clerk, closedEvent, openedEvent, ${entity}Id } from '../testing/${entity}-fixtures';`,
      `import { ${entity}Aggregate } from './${entity}-aggregate';`,
      '',
      `const spec = deciderSpec(${entity}Aggregate, { actor: clerk, now: at(5) });`,
      `const ${verb}: ${Entity}Command = { type: '${Command}', ${entity}Id };`,
      '',
      `describe('${Command}', () => {`,
      `  it('is accepted on an open ${entity}, as ${entity}.${past}.v1', () => {`,
      '    spec',
      '      .given([openedEvent])',
      `      .when(${verb})`,
      `      .then({ type: '${entity}.${past}.v1', ${entity}Id, occurredAt: at(5).toISOString() });`,
      '  });',
      '',
      `  it('is refused on a closed ${entity} (already_closed)', () => {`,
      '    spec',
      '      .given([openedEvent, closedEvent])',
      `      .when(${verb})`,
      "      .thenRefused('rule_violated', 'already_closed');",
      '  });',
      '',
      `  it('is refused on a ${entity} that does not exist (${entity}_not_found)', () => {`,
      `    spec.given([]).when(${verb}).thenRefused('not_found', '${entity}_not_found');`,
      '  });',
      '});',
      '',
    ].join('\n'),
  );

  await formatFiles(tree);
  return () => {
    if (options.skipOpenapi) return;
    execFileSync('npm', ['run', '-s', 'openapi'], { cwd: tree.root, stdio: 'inherit' });
  };
}

export default commandGenerator;
