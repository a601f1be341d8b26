import type { V1Pod } from '@kubernetes/client-node';

/**
 * Why the app's pods are not ready, one line per pod (at most `limit`): the Ready condition's
 * reason and message, or a waiting container's reason (ImagePullBackOff, CrashLoopBackOff...).
 */
export function describeUnreadyPods(pods: readonly V1Pod[], limit = 3): string[] {
  const lines: string[] = [];
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready?.status === 'True') continue;
    const waiting = pod.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting;
    const why = waiting
      ? `${waiting.reason ?? 'waiting'}${waiting.message ? `: ${waiting.message}` : ''}`
      : ready
        ? `${ready.reason ?? 'not ready'}${ready.message ? `: ${ready.message}` : ''}`
        : (pod.status?.phase ?? 'Pending');
    lines.push(`pod ${pod.metadata?.name ?? '?'} not ready (${why})`);
  }
  return lines.length > limit
    ? [...lines.slice(0, limit), `and ${lines.length - limit} more`]
    : lines;
}
