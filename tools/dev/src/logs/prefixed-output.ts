import { ansi, plain, prefixPalette } from './ansi';
import { formatLogLine } from './format-log-line';
import { TailBuffer } from './tail-buffer';

export interface PrefixedOutputOptions {
  /** The app's name, e.g. `customers-cmdh`. */
  readonly name: string;
  /** Width to pad names to, so that the `|` of every app lines up. */
  readonly width: number;
  /** Which colour of the prefix palette this source gets. */
  readonly index: number;
  readonly color: boolean;
  /** Where finished lines go (one call per physical line, without `\n`). */
  readonly write: (line: string) => void;
  /** How many rendered lines to keep for error reports. */
  readonly tailLines?: number;
}

/**
 * Renders one app's output lines for a shared terminal: each is formatted (`formatLogLine`) and
 * every physical line is prefixed with the padded name, `customers-cmdh | ...`. The last lines
 * are kept uncoloured in `tail` for error reports.
 */
export class PrefixedOutput {
  /** The most recent lines, without prefix or colours. */
  readonly tail: TailBuffer;
  private readonly prefix: string;
  private readonly options: PrefixedOutputOptions;

  constructor(options: PrefixedOutputOptions) {
    this.options = options;
    this.tail = new TailBuffer(options.tailLines ?? 30);
    const paint = options.color
      ? (prefixPalette[options.index % prefixPalette.length] ?? plain)
      : plain;
    const bar = options.color ? ansi.dim('|') : '|';
    this.prefix = `${paint(options.name.padEnd(options.width))} ${bar} `;
  }

  /** Renders and writes one line of the app's output. */
  line(raw: string): void {
    const rendered = formatLogLine(raw, { color: this.options.color });
    const plainRendered = this.options.color ? formatLogLine(raw, { color: false }) : rendered;
    for (const line of plainRendered.split('\n')) this.tail.push(line);
    for (const line of rendered.split('\n')) this.options.write(this.prefix + line);
  }
}
