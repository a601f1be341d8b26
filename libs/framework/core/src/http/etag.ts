import { AppError } from '../errors/app-error';

/**
 * Strong entity tags carry the aggregate version: `"7"`. A version changes with every write,
 * so it is exactly as precise as a content hash and needs no reading of the body.
 */
export const etagOf = (version: number): string => `"${version}"`;

/** The version named by an `If-Match` header; undefined when absent; 400 when malformed. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  if (!match) {
    throw new AppError('bad_request', 'If-Match must be one entity tag such as "3"', {
      details: { reason: 'malformed_if_match' },
    });
  }
  return Number(match[1]);
}

/** Whether an `If-None-Match` header already names this version (answer 304). */
export function matchesIfNoneMatch(header: string | undefined, version: number): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etagOf(version));
}
