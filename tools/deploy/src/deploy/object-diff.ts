import type { KubernetesObject } from '@kubernetes/client-node';
import { stringify } from 'yaml';

/** Fields the server owns that say nothing about what a deploy changes. */
function normalize(object: KubernetesObject): unknown {
  const copy = JSON.parse(JSON.stringify(object)) as Record<string, unknown> & {
    metadata?: Record<string, unknown>;
  };
  delete copy.status;
  if (copy.metadata) {
    for (const key of [
      'managedFields',
      'resourceVersion',
      'uid',
      'generation',
      'creationTimestamp',
    ]) {
      delete copy.metadata[key];
    }
  }
  return copy;
}

/** An object as the YAML lines a diff compares: server-owned fields left out, keys sorted. */
export const objectLines = (object: KubernetesObject): string[] =>
  stringify(normalize(object), { sortMapEntries: true }).trimEnd().split('\n');

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // Longest common subsequence table, from the end; objects are a few hundred lines at most.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++]! });
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ kind: '-', line: a[i++]! });
    } else {
      ops.push({ kind: '+', line: b[j++]! });
    }
  }
  return ops;
}

/**
 * A unified diff (3 lines of context) from the live object to the one a server-side dry-run
 * apply returned; empty when nothing would change. A missing live object diffs against nothing,
 * and so does an object the deploy deletes (`applied` undefined).
 */
export function objectDiff(
  label: string,
  live: KubernetesObject | undefined,
  applied: KubernetesObject | undefined,
  context = 3,
): string {
  const ops = diffLines(live ? objectLines(live) : [], applied ? objectLines(applied) : []);
  if (ops.every((op) => op.kind === ' ')) return '';
  const keep = ops.map((op, index) =>
    ops.slice(Math.max(0, index - context), index + context + 1).some((near) => near.kind !== ' '),
  );
  const out = [
    `--- ${label} (live)${live ? '' : ' [does not exist]'}`,
    `+++ ${label} ${applied ? '(after apply)' : '[deleted]'}`,
  ];
  let skipped = false;
  for (const [index, op] of ops.entries()) {
    if (keep[index]) {
      if (skipped) out.push('@@');
      out.push(`${op.kind}${op.line}`);
      skipped = false;
    } else {
      skipped = true;
    }
  }
  return out.join('\n');
}
