import { readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times; 100 on every Linux we run on. */
const CLK_TCK = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Resident set size in MiB, from /proc/<pid>/status. */
export function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

/**
 * The bytes of the live objects in a JVM's heap, from `jcmd <pid> GC.class_histogram` output
 * (its closing `Total <instances> <bytes>` line). Without `-all` the histogram counts only what
 * a full collection leaves, at the moment of that collection: unlike the heap's used bytes read
 * afterwards, it holds none of the garbage allocated since.
 */
export function histogramLiveBytes(histogram: string): number {
  const total = /^Total\s+\d+\s+(\d+)\s*$/m.exec(histogram);
  if (!total) throw new Error(`no Total line in the class histogram:\n${histogram.slice(0, 500)}`);
  return Number(total[1]);
}
