import { ansi, plain, type Paint } from './ansi';

export interface FormatOptions {
  /** ANSI colours (for a terminal). */
  readonly color: boolean;
}

const levelNames: Readonly<Record<number, string>> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

const levelPaint: Readonly<Record<string, Paint>> = {
  TRACE: ansi.gray,
  DEBUG: ansi.blue,
  INFO: ansi.green,
  WARN: ansi.yellow,
  ERROR: ansi.red,
  FATAL: (text) => ansi.bold(ansi.brightRed(text)),
};

/** Keys shown elsewhere on the line, or the same on every line of an app (its prefix says it). */
const hiddenKeys = new Set(['time', 'level', 'msg', 'pid', 'hostname', 'service', 'v']);

/** Error keys whose stack is printed below the line. */
const errorKeys = ['err', 'error'];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `HH:MM:SS.mmm` in local time, from pino's epoch milliseconds or an ISO timestamp. */
function clock(time: unknown): string | undefined {
  if (typeof time !== 'number' && typeof time !== 'string') return undefined;
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return undefined;
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

function levelLabel(level: unknown): string {
  const name = typeof level === 'number' ? (levelNames[level] ?? `L${level}`) : String(level);
  return name.toUpperCase();
}

/** A value as `key=value` shows it: bare when that is unambiguous, JSON otherwise. */
function show(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  // Parsed JSON holds nothing JSON.stringify drops, but a record built in code might.
  return JSON.stringify(value) ?? 'undefined';
}

const text = (value: unknown): string => (typeof value === 'string' ? value : show(value));

interface SerializedError {
  readonly type?: unknown;
  readonly message?: unknown;
  readonly stack?: unknown;
  readonly cause?: unknown;
}

/** The stack of a serialized error and of each error in its `cause` chain. */
function stackLines(error: SerializedError): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 10 && typeof current === 'object' && current !== null; depth++) {
    const e = current as SerializedError;
    const head = depth === 0 ? '' : 'Caused by: ';
    if (typeof e.stack === 'string') lines.push(...`${head}${e.stack}`.split('\n'));
    else if (e.message !== undefined)
      lines.push(`${head}${text(e.type ?? 'Error')}: ${text(e.message)}`);
    current = e.cause;
  }
  return lines;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Renders one line of an app's output for people. A pino JSON line becomes
 * `HH:MM:SS.mmm LEVEL msg key=value ...`, followed by the stack (and causes) of an `err`;
 * anything else, including JSON that is not a log record, is returned unchanged. The result may
 * span several lines.
 */
export function formatLogLine(line: string, options: FormatOptions): string {
  if (!line.startsWith('{')) return line;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (!isRecord(record) || !('level' in record) || !('msg' in record || 'time' in record)) {
    return line;
  }
  const paint = (p: Paint): Paint => (options.color ? p : plain);

  const level = levelLabel(record.level);
  const parts: string[] = [];
  const time = clock(record.time);
  if (time !== undefined) parts.push(paint(ansi.dim)(time));
  parts.push(paint(levelPaint[level] ?? plain)(level.padEnd(5)));
  if (record.msg !== undefined)
    parts.push(typeof record.msg === 'string' ? record.msg : show(record.msg));

  const stacks: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (hiddenKeys.has(key)) continue;
    if (errorKeys.includes(key) && isRecord(value) && ('stack' in value || 'message' in value)) {
      stacks.push(...stackLines(value));
      if (typeof value.message === 'string')
        parts.push(`${paint(ansi.dim)(`${key}=`)}${show(value.message)}`);
      continue;
    }
    parts.push(`${paint(ansi.dim)(`${key}=`)}${show(value)}`);
  }
  const head = parts.join(' ');
  if (stacks.length === 0) return head;
  return [head, ...stacks.map((s) => paint(ansi.red)(`  ${s}`))].join('\n');
}
