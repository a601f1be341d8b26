import { z } from 'zod';
import { freeTextSchema, notBlankPattern, singleLineTextPattern } from './text-patterns';

describe('text patterns', () => {
  it.each([' ', '\t', '\u00A0', '\uFEFF', '\u3000 '])('call %j blank, as trim does', (text) => {
    // Assert
    expect(text.trim()).toBe('');
    expect(notBlankPattern.test(text)).toBe(false);
    expect(singleLineTextPattern.test(text)).toBe(false);
  });

  it('accepts a line of text with spaces around it', () => {
    // Assert
    expect(notBlankPattern.test('  Ada ')).toBe(true);
    expect(singleLineTextPattern.test('  Ada Lovelace ')).toBe(true);
  });

  it.each(['Ada\nLovelace', 'Ada\u0000', '\u0085Ada', 'Ada\u007F'])(
    'refuses control characters in a line: %j',
    (text) => {
      // Assert
      expect(singleLineTextPattern.test(text)).toBe(false);
    },
  );

  it('spells out the control characters instead of \\p{Cc}', () => {
    // Assert
    expect(singleLineTextPattern.source).not.toContain('\\p{');
    expect(notBlankPattern.source).not.toContain('\\s');
  });
});

describe('freeTextSchema', () => {
  const reason = freeTextSchema(10);

  it('keeps text trimmed, up to the limit', () => {
    expect(reason.parse('  declined ')).toBe('declined');
    expect(reason.safeParse('0123456789').success).toBe(true);
    expect(reason.safeParse('0123456789x').success).toBe(false);
  });

  it('refuses text that is blank once trimmed, and documents it with a pattern', () => {
    expect(reason.safeParse(' \u00a0\ufeff ').success).toBe(false);
    expect(JSON.stringify(z.toJSONSchema(reason))).toContain('"pattern"');
  });
});
