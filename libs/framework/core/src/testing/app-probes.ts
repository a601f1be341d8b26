import { waitUntil } from './wait-until';

/** What `/readyz` answers. */
export interface ReadyzBody {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, boolean>>;
  readonly stopping: boolean;
}

/** An app (or anything else) that listens at `url`. */
export interface Listening {
  readonly url: string;
}

/** The app's `/readyz`: status and body. */
export async function readyz(app: Listening): Promise<{ status: number; body: ReadyzBody }> {
  const response = await fetch(`${app.url}/readyz`);
  return { status: response.status, body: (await response.json()) as ReadyzBody };
}

/**
 * Polls `/readyz` until it answers 200, as a kubelet does before sending an app traffic: a
 * one-active app is then past its first election, and as the leader its stream is open.
 * `alive` may throw to give up at once (e.g. the app's process exited).
 */
export async function untilReady(
  app: Listening,
  options: { readonly timeoutMs?: number; readonly alive?: () => void } = {},
): Promise<void> {
  let last: unknown;
  await waitUntil(
    async () => {
      options.alive?.();
      const answer = await readyz(app).catch((error: unknown) => ({ error: String(error) }));
      last = answer;
      return 'status' in answer && answer.status === 200;
    },
    `the app at ${app.url} is ready`,
    options.timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; /readyz said ${JSON.stringify(last)}`);
  });
}

/** The app's `/metrics`, as Prometheus text. */
export async function metricsText(app: Listening): Promise<string> {
  return (await fetch(`${app.url}/metrics`)).text();
}

/** One series of `commands_total` as `/metrics` reports it. */
export interface CommandCount {
  readonly command: string;
  readonly outcome: string;
  readonly reason: string;
  readonly value: number;
}

/** Every `commands_total` series of the app. */
export async function commandCounts(app: Listening): Promise<CommandCount[]> {
  const counts: CommandCount[] = [];
  for (const line of (await metricsText(app)).split('\n')) {
    const match = /^commands_total\{([^}]*)\} (\S+)$/.exec(line);
    if (!match) continue;
    const labels = new Map<string, string>();
    for (const [, name, value] of match[1]!.matchAll(/(\w+)="([^"]*)"/g)) {
      labels.set(name!, value!);
    }
    counts.push({
      command: labels.get('command') ?? '',
      outcome: labels.get('outcome') ?? '',
      reason: labels.get('reason') ?? '',
      value: Number(match[2]),
    });
  }
  return counts;
}

/** The sum of the `commands_total` series that match `filter`. */
export const countOf = (counts: readonly CommandCount[], filter: Partial<CommandCount>): number =>
  counts
    .filter((c) =>
      Object.entries(filter).every(([name, value]) => c[name as keyof CommandCount] === value),
    )
    .reduce((sum, c) => sum + c.value, 0);
