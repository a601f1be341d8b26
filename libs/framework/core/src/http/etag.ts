import { z } from 'zod';
import { AppError } from '../errors/app-error';

/**
 * Strong entity tags carry the aggregate version: `"7"`. A version changes with every write,
 * so it is exactly as precise as a content hash and needs no reading of the body.
 */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * What `versionFromIfMatch` accepts (after trimming): `*` or one entity tag such as `"3"` or
 * `W/"3"`. ASCII digits only, written so that JSON Schema tools read it the same way.
 */
export const ifMatchPattern = /^(?:\*|(?:W\/)?"[0-9]+")$/;

/**
 * The `If-Match` request header of a command: optional, and documented with the pattern
 * `versionFromIfMatch` enforces. The pattern is documentation only (metadata), so a malformed
 * value still reaches `versionFromIfMatch` and is answered with its `malformed_if_match` reason.
 */
export const ifMatchHeaderSchema = z.string().max(100).optional().meta({
  pattern: ifMatchPattern.source,
  description: 'ETag the client last saw, e.g. "3"; a stale one answers 412',
});

/** The version named by an `If-Match` header; undefined when absent; 400 when malformed. */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  const value = header?.trim();
  if (value === undefined || value === '*') return undefined;
  const match = ifMatchPattern.test(value) ? /[0-9]+/.exec(value) : null;
  if (!match) {
    throw new AppError('bad_request', 'If-Match must be one entity tag such as "3"', {
      details: { reason: 'malformed_if_match' },
    });
  }
  return Number(match[0]);
}

/** Whether an `If-None-Match` header already names this version (answer 304). */
export function matchesIfNoneMatch(header: string | undefined, version: number): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etagOf(version));
}
