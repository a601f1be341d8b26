import type { Config } from '@jest/types';
import type { InfraSession } from '../session';

/** Unit tests never need infrastructure; integration and end-to-end tests do. */
export function infraWanted(globalConfig: Config.GlobalConfig): boolean {
  const patterns = globalConfig.testPathPatterns.patterns;
  return patterns.length === 0 || patterns.some((p) => /\b(int|e2e)\b/.test(p));
}

export const log = (line: string) => process.stderr.write(`[infra] ${line}\n`);

// Jest shares globals (only) between global setup and teardown; this is how they hand over.
const key = Symbol.for('cqrs.infra.session');
type Holder = { [key]?: InfraSession };
export const remember = (session: InfraSession) => {
  (globalThis as Holder)[key] = session;
};
export const sessionOfSetup = (): InfraSession | undefined => (globalThis as Holder)[key];
