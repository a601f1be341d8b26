import { z } from 'zod';

/** An instant as an ISO 8601 UTC string, e.g. `2025-01-31T12:00:00.000Z`. */
export const isoTimeSchema = z.iso.datetime().describe('ISO 8601 time (UTC)');
