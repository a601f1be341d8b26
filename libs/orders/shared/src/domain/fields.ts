import { z } from 'zod';
import { freeTextSchema } from '@cqrs/framework-core';

// Ids travel in URL paths, Kafka keys, `<aggregateId>:<version>` event ids and as keys of the
// order stats map: no `:`, `/`, `.` or `$`.
const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const idMessage = 'must be 1-64 letters, digits, "-" or "_"';

/** An order id (a UUID when cmdh generates it); safe in paths, keys and event ids. */
export const orderIdSchema = z.string().regex(idPattern, idMessage).describe('Order id');

/** A customer id as the customers service issues it. */
export const customerIdSchema = z
  .string()
  .regex(idPattern, idMessage)
  .describe('Customer id (from the customers service)');

/** A stock keeping unit: 1-64 letters, digits, `.`, `_` or `-`. */
export const skuSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_" or "-"')
  .describe('Stock keeping unit');

/** How many of a SKU: a whole number above zero. */
export const quantitySchema = z.number().int().positive().describe('Quantity, at least 1');

/**
 * An amount of money in the currency's minor units (cents for EUR), never a float. `int()` also
 * keeps it a safe integer.
 */
export const minorUnitsSchema = z
  .number()
  .int()
  .nonnegative()
  .describe('Amount in minor units of the currency, e.g. cents');

/** An ISO 4217 currency code, upper-cased before it is checked: `eur` is `EUR`. */
export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code, e.g. EUR')
  .describe('ISO 4217 currency code');

/** Why something happened (a cancellation, a hold, a failed payment): 1-500 characters. */
export const reasonSchema = freeTextSchema(500).describe('Reason, free text');

/** The payment provider's reference for a successful payment. */
export const paymentReferenceSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe("Payment provider's reference");

/** The version of the customer (its events' CloudEvent `sequence`) a standing comes from. */
export const customerVersionSchema = z
  .number()
  .int()
  .positive()
  .describe('Version of the customer that produced this standing (the event sequence)');

/** An instant as an ISO 8601 UTC string, e.g. `2025-01-31T12:00:00.000Z`. */
export { isoTimeSchema } from '@cqrs/framework-core';
