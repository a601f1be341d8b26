import { z } from 'zod';
import { freeTextSchema, singleLineTextPattern } from '@cqrs/framework-core';

// Ids travel in URL paths, Kafka keys and `<aggregateId>:<version>` event ids: no `:` or `/`.
const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A customer id (a UUID when cmdh generates it); safe in paths, keys and event ids. */
export const customerIdSchema = z
  .string()
  .regex(idPattern, 'must be 1-64 letters, digits, "-" or "_"')
  .describe('Customer id');

/** An order id as the orders service issues it. */
export const orderIdSchema = z
  .string()
  .regex(idPattern, 'must be 1-64 letters, digits, "-" or "_"')
  .describe('Order id (from the orders service)');

/** A person's or company's name: trimmed, 1-200 characters, no control characters. */
export const customerNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(singleLineTextPattern, 'must not contain control characters')
  .describe('Full name, trimmed');

/**
 * An email address, trimmed and lower-cased before it is checked, so `A@X.com ` and `a@x.com`
 * are the same address everywhere (uniqueness, filters, events).
 */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .check(z.email())
  .describe('Email address; stored lower-cased');

/** A phone number in E.164 form, e.g. `+4915112345678`. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+[1-9][0-9]{6,14}$/, 'must be in E.164 form, e.g. +4915112345678')
  .describe('Phone number in E.164 form');

/** Why something happened (a block, a KYC rejection), as a person wrote it: 1-500 characters. */
export const reasonSchema = freeTextSchema(500).describe('Reason, free text');

/** The KYC provider's reference for its decision. */
export const kycReferenceSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe("KYC provider's reference for the check");

/** An instant as an ISO 8601 UTC string, e.g. `2025-01-31T12:00:00.000Z`. */
export { isoTimeSchema } from '@cqrs/framework-core';
