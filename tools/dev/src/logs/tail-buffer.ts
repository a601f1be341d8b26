/** Keeps the last `capacity` lines of an output, to show when something went wrong. */
export class TailBuffer {
  private readonly lines: string[] = [];

  constructor(readonly capacity = 30) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
  }

  /** The kept lines, oldest first. */
  get(): readonly string[] {
    return [...this.lines];
  }

  /** The kept lines indented under a heading, or a note that there was no output. */
  describe(indent = '    '): string {
    return this.lines.length === 0
      ? `${indent}(no output)`
      : this.lines.map((line) => indent + line).join('\n');
  }
}
