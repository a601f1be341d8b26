import { z } from 'zod';

// What `String.prototype.trim` removes (WhiteSpace and LineTerminator), spelled out: JSON Schema
// tools read `\s` differently (Python's has no U+FEFF), and documented patterns must mean what
// the handlers enforce.
const trimmedCharacters =
  '\\u0009-\\u000D\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF';

/**
 * Text that is not blank once trimmed: it has a character `trim` keeps. For `.trim().min(1)`
 * fields, whose JSON Schema would otherwise admit `" "`.
 */
export const notBlankPattern = new RegExp(`[^${trimmedCharacters}]`, 'u');

/**
 * One line of text as a person writes it: no control characters (Unicode category Cc, spelled
 * out because JSON Schema tools cannot build values for `\p{Cc}`) and not blank once trimmed.
 */
export const singleLineTextPattern = new RegExp(
  `^[^\\u0000-\\u001F\\u007F-\\u009F]*[^\\u0000-\\u001F\\u007F-\\u009F${trimmedCharacters}][^\\u0000-\\u001F\\u007F-\\u009F]*$`,
  'u',
);

/**
 * Free text a person writes (a reason, a note): trimmed, 1 to `max` characters, not blank once
 * trimmed, with a documented pattern that says so.
 */
export const freeTextSchema = (max: number) =>
  z.string().trim().min(1).max(max).regex(notBlankPattern, 'must not be blank');
