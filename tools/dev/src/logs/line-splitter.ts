import { StringDecoder } from 'node:string_decoder';

/** Lines longer than this are cut and passed on in pieces rather than held back. */
const maxLineLength = 1024 * 1024;

/**
 * Turns chunks of a byte stream into whole lines (without `\n` or `\r\n`), however the chunks
 * split them and wherever multi-byte characters fall. Call `end` once the stream ended to get
 * a last line that had no newline.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  /** Feeds a chunk; every line it completes is passed on at once. */
  write(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let newline: number;
    while ((newline = this.pending.indexOf('\n')) !== -1) {
      this.emit(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
    }
    while (this.pending.length > maxLineLength) {
      this.emit(this.pending.slice(0, maxLineLength));
      this.pending = this.pending.slice(maxLineLength);
    }
  }

  /** Flushes what is left after the stream ended. */
  end(): void {
    this.pending += this.decoder.end();
    if (this.pending !== '') this.emit(this.pending);
    this.pending = '';
  }

  private emit(line: string): void {
    this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
