import {
  approveKycBodySchema,
  blockCustomerBodySchema,
  registerCustomerBodySchema,
  updateContactDetailsBodySchema,
} from './request-bodies';
import { listCustomersQuerySchema } from './list-customers';
import { replayEventsBodySchema } from './event-admin';

/** The distinct paths of the issues a parse reported ('' = the body itself). */
const issuePaths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) => [
  ...new Set(result.error?.issues.map((issue) => issue.path.join('.'))),
];

describe('Request bodies', () => {
  describe('register', () => {
    it('trims the name and lower-cases the email', () => {
      // Act
      const body = registerCustomerBodySchema.parse({
        name: '  Ada Lovelace ',
        email: ' Ada@Example.COM ',
      });

      // Assert
      expect(body).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
    });

    it.each([
      ['an unknown field', { name: 'Ada', email: 'a@b.co', nickname: 'ada' }, ''],
      ['a bad email', { name: 'Ada', email: 'ada@' }, 'email'],
      ['a blank name', { name: '   ', email: 'a@b.co' }, 'name'],
      ['a name over 200 characters', { name: 'x'.repeat(201), email: 'a@b.co' }, 'name'],
      ['a name with a control character', { name: 'Ada\u0000', email: 'a@b.co' }, 'name'],
      ['a phone not in E.164 form', { name: 'Ada', email: 'a@b.co', phone: '0151 123' }, 'phone'],
      ['no email', { name: 'Ada' }, 'email'],
    ])('refuses %s', (_what, body, path) => {
      // Act
      const result = registerCustomerBodySchema.safeParse(body);

      // Assert
      expect(issuePaths(result)).toEqual([path]);
    });
  });

  describe('update contact details', () => {
    it('accepts phone null to remove the phone number', () => {
      // Act
      const body = updateContactDetailsBodySchema.parse({ phone: null });

      // Assert
      expect(body).toEqual({ phone: null });
    });

    it.each([
      ['an empty body', {}],
      ['an unknown field', { email: 'a@b.co', status: 'active' }],
      ['a bad email', { email: 'not-an-email' }],
    ])('refuses %s', (_what, body) => {
      // Act
      const result = updateContactDetailsBodySchema.safeParse(body);

      // Assert
      expect(result.success).toBe(false);
    });
  });

  describe('block, approve', () => {
    it('refuses a block without a reason and an approval with unknown fields', () => {
      // Act
      const block = blockCustomerBodySchema.safeParse({ reason: '' });
      const approve = approveKycBodySchema.safeParse({ reference: 'r', score: 9 });

      // Assert
      expect(block.success).toBe(false);
      expect(approve.success).toBe(false);
    });
  });

  describe('list query', () => {
    it('coerces the limit from the query string and defaults it to 20', () => {
      // Act
      const given = listCustomersQuerySchema.parse({ limit: '50', status: 'blocked' });
      const defaulted = listCustomersQuerySchema.parse({ email: 'Ada@Example.com' });

      // Assert
      expect(given).toEqual({ limit: 50, status: 'blocked' });
      expect(defaulted).toEqual({ limit: 20, email: 'ada@example.com' });
    });

    it.each([
      ['limit 0', { limit: '0' }],
      ['limit 101', { limit: '101' }],
      ['a fractional limit', { limit: '2.5' }],
      ['an unknown status', { status: 'archived' }],
      ['an empty cursor', { cursor: '' }],
      ['an unknown parameter', { stauts: 'active' }],
    ])('refuses %s', (_what, query) => {
      // Act
      const result = listCustomersQuerySchema.safeParse(query);

      // Assert
      expect(result.success).toBe(false);
    });
  });

  describe('replay', () => {
    it('accepts a group and an ISO time with offset, refuses a plain date', () => {
      // Act
      const ok = replayEventsBodySchema.safeParse({
        groupId: 'orders-evh',
        from: '2025-03-01T10:00:00+01:00',
      });
      const bad = replayEventsBodySchema.safeParse({ groupId: 'orders-evh', from: '2025-03-01' });

      // Assert
      expect(ok.success).toBe(true);
      expect(issuePaths(bad)).toEqual(['from']);
    });
  });
});
