import { existsSync, readFileSync } from 'node:fs';

/** The last `lines` lines of a log file, or a note that it does not exist (yet). */
export function tailFile(file: string, lines = 30): string {
  if (!existsSync(file)) return `(no log at ${file})`;
  const text = readFileSync(file, 'utf8').trimEnd();
  return text.split('\n').slice(-lines).join('\n');
}
