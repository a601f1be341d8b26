/** One Dockerfile instruction, continuation lines joined. */
export interface Instruction {
  /** Upper case, e.g. `FROM`. */
  readonly keyword: string;
  readonly args: string;
  /** 1-based line where it starts. */
  readonly line: number;
}

/** A build stage: its `FROM` and the instructions up to the next one. */
export interface Stage {
  readonly from: Instruction;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

/**
 * Reads a Dockerfile into instructions: comments and blank lines dropped, lines ending in `\`
 * joined with the next. Enough for checking rules about our own Dockerfile, not a full parser
 * (no heredocs, no escape-directive changes).
 */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  for (const [index, raw] of text.split('\n').entries()) {
    const trimmed = raw.trim();
    if (pending === undefined && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (pending !== undefined && trimmed.startsWith('#')) continue;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed;
    pending =
      pending === undefined
        ? { text: part, line: index + 1 }
        : { ...pending, text: `${pending.text} ${part}` };
    if (continued) continue;
    const match = /^(\S+)\s*(.*)$/.exec(pending.text);
    if (match) {
      instructions.push({
        keyword: (match[1] as string).toUpperCase(),
        args: match[2] as string,
        line: pending.line,
      });
    }
    pending = undefined;
  }
  return instructions;
}

/** Splits instructions into build stages (`ARG`s before the first `FROM` are left out). */
export function stagesOf(instructions: readonly Instruction[]): Stage[] {
  const stages: { from: Instruction; name: string | undefined; instructions: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const name = /\sAS\s+(\S+)\s*$/i.exec(instruction.args)?.[1];
      stages.push({ from: instruction, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}
