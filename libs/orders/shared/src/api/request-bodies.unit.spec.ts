import { replayEventsBodySchema } from './event-admin';
import { listOrdersQuerySchema } from './list-orders';
import {
  cancelOrderBodySchema,
  holdCustomerOrdersBodySchema,
  paymentFailedBodySchema,
  paymentSucceededBodySchema,
  placeOrderBodySchema,
  recordCustomerStandingBodySchema,
} from './request-bodies';

/** The distinct paths of the issues a parse reported ('' = the body itself). */
const issuePaths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) => [
  ...new Set(result.error?.issues.map((issue) => issue.path.join('.'))),
];

const line = { sku: 'BOOK-1', quantity: 2, unitPrice: 1250 };
const body = { customerId: 'c-1', lines: [line], currency: 'EUR' };

describe('Request bodies', () => {
  describe('place order', () => {
    it('upper-cases the currency and trims the SKU', () => {
      // Act
      const parsed = placeOrderBodySchema.parse({
        ...body,
        lines: [{ ...line, sku: ' BOOK-1 ' }],
        currency: ' eur',
      });

      // Assert
      expect(parsed).toEqual(body);
    });

    it('accepts 100 lines and a free line', () => {
      // Act
      const result = placeOrderBodySchema.safeParse({
        ...body,
        lines: Array.from({ length: 100 }, (_, i) => ({
          sku: `S-${i}`,
          quantity: 1,
          unitPrice: 0,
        })),
      });

      // Assert
      expect(result.success).toBe(true);
    });

    it.each([
      ['a total (computed by the server)', { ...body, total: 2500 }, ''],
      ['a customer standing (looked up by cmdh)', { ...body, customerStanding: 'active' }, ''],
      ['no lines', { ...body, lines: [] }, 'lines'],
      ['101 lines', { ...body, lines: Array(101).fill(line) }, 'lines'],
      ['an unknown line field', { ...body, lines: [{ ...line, discount: 1 }] }, 'lines.0'],
      ['a zero quantity', { ...body, lines: [{ ...line, quantity: 0 }] }, 'lines.0.quantity'],
      [
        'a fractional quantity',
        { ...body, lines: [{ ...line, quantity: 1.5 }] },
        'lines.0.quantity',
      ],
      ['a negative price', { ...body, lines: [{ ...line, unitPrice: -1 }] }, 'lines.0.unitPrice'],
      [
        'a price in major units',
        { ...body, lines: [{ ...line, unitPrice: 12.5 }] },
        'lines.0.unitPrice',
      ],
      [
        'a price beyond the safe range',
        { ...body, lines: [{ ...line, unitPrice: 2 ** 53 }] },
        'lines.0.unitPrice',
      ],
      [
        'a price as text',
        { ...body, lines: [{ ...line, unitPrice: '1250' }] },
        'lines.0.unitPrice',
      ],
      ['a blank SKU', { ...body, lines: [{ ...line, sku: ' ' }] }, 'lines.0.sku'],
      ['a 4-letter currency', { ...body, currency: 'EURO' }, 'currency'],
      ['a currency with digits', { ...body, currency: 'E1R' }, 'currency'],
      ['no customer', { lines: [line], currency: 'EUR' }, 'customerId'],
    ])('refuses %s', (_what, input, path) => {
      // Act
      const result = placeOrderBodySchema.safeParse(input);

      // Assert
      expect(issuePaths(result)).toEqual([path]);
    });
  });

  describe('cancel, hold, payment results', () => {
    it.each([
      ['cancel without a reason', cancelOrderBodySchema, {}],
      ['cancel with a blank reason', cancelOrderBodySchema, { reason: '  ' }],
      ['hold with an unknown field', holdCustomerOrdersBodySchema, { reason: 'r', until: 'x' }],
      ['a payment success without a reference', paymentSucceededBodySchema, {}],
      [
        'a payment failure with a reason over 500',
        paymentFailedBodySchema,
        { reason: 'x'.repeat(501) },
      ],
    ] as const)('refuses %s', (_what, schema, input) => {
      // Act
      const result = schema.safeParse(input);

      // Assert
      expect(result.success).toBe(false);
    });
  });

  describe('customer standing', () => {
    it('accepts a standing and a positive customer version', () => {
      // Act
      const parsed = recordCustomerStandingBodySchema.parse({
        standing: 'blocked',
        customerVersion: 3,
      });

      // Assert
      expect(parsed).toEqual({ standing: 'blocked', customerVersion: 3 });
    });

    it.each([
      ['an unknown standing', { standing: 'suspended', customerVersion: 3 }],
      ['version 0', { standing: 'active', customerVersion: 0 }],
      ['a version as text', { standing: 'active', customerVersion: '3' }],
      ['an unknown field', { standing: 'active', customerVersion: 3, customerId: 'c-1' }],
    ])('refuses %s', (_what, input) => {
      // Act
      const result = recordCustomerStandingBodySchema.safeParse(input);

      // Assert
      expect(result.success).toBe(false);
    });
  });

  describe('list query', () => {
    it('coerces the limit from the query string and defaults it to 20', () => {
      // Act
      const given = listOrdersQuerySchema.parse({
        limit: '50',
        status: 'on_hold',
        customerId: 'c-1',
      });
      const defaulted = listOrdersQuerySchema.parse({});

      // Assert
      expect(given).toEqual({ limit: 50, status: 'on_hold', customerId: 'c-1' });
      expect(defaulted).toEqual({ limit: 20 });
    });

    it.each([
      ['limit 0', { limit: '0' }],
      ['limit 101', { limit: '101' }],
      ['an unknown status', { status: 'refunded' }],
      ['a customer id with a slash', { customerId: 'c/1' }],
      ['an empty cursor', { cursor: '' }],
      ['an unknown parameter', { customer: 'c-1' }],
    ])('refuses %s', (_what, query) => {
      // Act
      const result = listOrdersQuerySchema.safeParse(query);

      // Assert
      expect(result.success).toBe(false);
    });
  });

  describe('replay', () => {
    it('accepts a group and an ISO time with offset, refuses a plain date', () => {
      // Act
      const ok = replayEventsBodySchema.safeParse({
        groupId: 'customers-evh',
        from: '2025-03-01T10:00:00+01:00',
      });
      const bad = replayEventsBodySchema.safeParse({
        groupId: 'customers-evh',
        from: '2025-03-01',
      });

      // Assert
      expect(ok.success).toBe(true);
      expect(issuePaths(bad)).toEqual(['from']);
    });
  });
});
