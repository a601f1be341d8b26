import { isBuiltin } from 'node:module';

/**
 * The npm package an import path names (`@scope/pkg/sub` -> `@scope/pkg`, `pkg/sub` -> `pkg`),
 * or undefined for Node built-ins and relative or absolute paths.
 */
export function packageNameOf(importPath: string): string | undefined {
  if (isBuiltin(importPath) || importPath.startsWith('.') || importPath.startsWith('/')) {
    return undefined;
  }
  const parts = importPath.split('/');
  return importPath.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
