import { parseArgs } from 'node:util';

/** What `npm run images` was asked to do. */
export interface ImagesRequest {
  readonly selection:
    | { readonly kind: 'named'; readonly names: readonly string[] }
    | { readonly kind: 'affected'; readonly base?: string }
    | { readonly kind: 'all' }
    | { readonly kind: 'none' };
  /** Tag of the app images; default a hash of their inputs. */
  readonly tag?: string;
  /** Also the in-cluster infrastructure images (JRE, Kafka, engine). */
  readonly infra: boolean;
  /** `required`: fail when the node's containerd is not running, instead of skipping the load. */
  readonly load: 'if-running' | 'required';
  /** Another containerd than the local node's (tests, a second node). */
  readonly containerdSocket?: string;
}

export const usage = `usage: npm run images -- <app or service>... [options]
       npm run images -- --affected [--base REF] [options]
       npm run images -- --all [options]
       npm run images -- --infra

Builds localhost/cqrs/<app>:<tag> from deploy/Dockerfile (bundling the apps through Nx and
making the Node base image locally; nothing is pulled), prints each image's size and loads the
images into the local node's containerd when it runs (npm run cluster:up -- --real).
  --tag T                  tag of the app images (default: a hash of what they are built from)
  --affected               the apps \`nx affected\` names since --base (default: main)
  --all                    every app
  --infra                  also the in-cluster Kafka and engine images (and their JRE base)
  --load                   fail if the node's containerd is not running (default: skip loading)
  --containerd-socket S    load into this containerd instead of the node's`;

/** The user asked for help, or got the usage wrong; the message says which. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Docker's tag grammar: what every image tool accepts. */
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Reads the command line of `npm run images`. @throws UsageError */
export function parseImagesArgs(argv: readonly string[]): ImagesRequest | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.filter((a) => a !== '--'),
      allowPositionals: true,
      strict: true,
      options: {
        tag: { type: 'string' },
        affected: { type: 'boolean', default: false },
        base: { type: 'string' },
        all: { type: 'boolean', default: false },
        infra: { type: 'boolean', default: false },
        load: { type: 'boolean', default: false },
        'containerd-socket': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: o, positionals } = parsed;
  if (o.help) return 'help';
  const modes = [positionals.length > 0, o.affected, o.all].filter(Boolean).length;
  if (modes > 1 || (modes === 0 && !o.infra))
    throw new UsageError('name the apps, or give one of --affected and --all (or --infra)');
  if (o.base !== undefined && !o.affected) throw new UsageError('--base goes with --affected');
  if (o.tag !== undefined && !tagPattern.test(o.tag))
    throw new UsageError(`--tag ${o.tag}: letters, digits, _ . - (at most 128, not first . or -)`);
  const selection: ImagesRequest['selection'] = o.all
    ? { kind: 'all' }
    : o.affected
      ? { kind: 'affected', ...(o.base !== undefined ? { base: o.base } : {}) }
      : positionals.length > 0
        ? { kind: 'named', names: positionals }
        : { kind: 'none' };
  return {
    selection,
    ...(o.tag !== undefined ? { tag: o.tag } : {}),
    infra: o.infra,
    load: o.load ? 'required' : 'if-running',
    ...(o['containerd-socket'] !== undefined ? { containerdSocket: o['containerd-socket'] } : {}),
  };
}
