import { z } from 'zod';
import { commandHeadersSchema, createCommandHeadersSchema } from './command-headers';

/** The JSON Schema of one header as openapi.yaml documents it (input side). */
const documented = (name: 'idempotency-key' | 'if-match') => {
  const schema = z.toJSONSchema(commandHeadersSchema.shape[name], { io: 'input' }) as {
    pattern: string;
    minLength?: number;
  };
  const pattern = new RegExp(schema.pattern, 'u');
  return (value: string) => value.length >= (schema.minLength ?? 0) && pattern.test(value);
};

describe('command headers', () => {
  describe('Idempotency-Key', () => {
    it('documents exactly the keys it accepts, so a blank one is not schema-valid', () => {
      // Arrange
      const keys = ['k-1', ' k ', ' ', '\t', '\u00A0', '\uFEFF\u3000', 'a\u00A0b'];
      const accepts = (key: string) =>
        createCommandHeadersSchema.safeParse({ 'idempotency-key': key }).success;

      // Act
      const accepted = keys.filter(accepts);
      const valid = keys.filter(documented('idempotency-key'));

      // Assert
      expect(accepted).toEqual(['k-1', ' k ', 'a\u00A0b']);
      expect(valid).toEqual(accepted);
    });
  });

  describe('If-Match', () => {
    it('is optional and documented with the entity-tag pattern', () => {
      // Act
      const parsed = commandHeadersSchema.safeParse({ 'idempotency-key': 'k' });

      // Assert
      expect(parsed.success).toBe(true);
      expect(['"3"', 'W/"3"', '*', '3', ''].filter(documented('if-match'))).toEqual([
        '"3"',
        'W/"3"',
        '*',
      ]);
    });
  });
});
