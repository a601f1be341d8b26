import { parseArgs } from 'node:util';

/** What `npm run deploy` was asked to do. */
export interface DeployRequest {
  readonly selection:
    | { readonly kind: 'named'; readonly names: readonly string[] }
    | { readonly kind: 'affected'; readonly base?: string }
    | { readonly kind: 'all' };
  readonly imageTag: string;
  readonly namespace?: string;
  readonly context?: string;
  readonly kubeconfig?: string;
  readonly dryRun: boolean;
  /** Extra values files, overlaying deploy/values.yaml in order. */
  readonly values: readonly string[];
}

export const usage = `usage: npm run deploy -- <app or service>... --image-tag T [options]
       npm run deploy -- --affected [--base REF] --image-tag T [options]
       npm run deploy -- --all --image-tag T [options]

Server-side applies each app's objects (rendered from deploy/values.yaml), waits for its
rollout like \`kubectl rollout status\`, and rolls a failed rollout back to the previous pod
template; exits 1 with the reason. Apps are deployed one after the other; the first failure stops.
  --image-tag T     image tag of every deployed app (<repository>/<app>:T)
  --namespace N     instead of values' namespace
  --context C       kubeconfig context (default: current); KUBECONFIG or --kubeconfig F picks the file
  --affected        the apps \`nx affected\` names since --base (default: main)
  --all             every app
  --dry-run         print what would change (server-side dry run), change nothing
  --values F        a values file over deploy/values.yaml (repeatable)`;

/** The user asked for help, or got the usage wrong; the message says which. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Reads the command line of `npm run deploy`. @throws UsageError */
export function parseDeployArgs(argv: readonly string[]): DeployRequest | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.filter((a) => a !== '--'),
      allowPositionals: true,
      strict: true,
      options: {
        'image-tag': { type: 'string' },
        namespace: { type: 'string' },
        context: { type: 'string' },
        kubeconfig: { type: 'string' },
        affected: { type: 'boolean', default: false },
        base: { type: 'string' },
        all: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        values: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: o, positionals } = parsed;
  if (o.help) return 'help';
  const modes = [positionals.length > 0, o.affected, o.all].filter(Boolean).length;
  if (modes !== 1)
    throw new UsageError('name the apps, or give exactly one of --affected and --all');
  if (o.base !== undefined && !o.affected) throw new UsageError('--base goes with --affected');
  if (o['image-tag'] === undefined || o['image-tag'] === '')
    throw new UsageError('--image-tag is required');
  const selection: DeployRequest['selection'] = o.all
    ? { kind: 'all' }
    : o.affected
      ? { kind: 'affected', ...(o.base !== undefined ? { base: o.base } : {}) }
      : { kind: 'named', names: positionals };
  return {
    selection,
    imageTag: o['image-tag'],
    ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
    ...(o.context !== undefined ? { context: o.context } : {}),
    ...(o.kubeconfig !== undefined ? { kubeconfig: o.kubeconfig } : {}),
    dryRun: o['dry-run'],
    values: o.values,
  };
}
