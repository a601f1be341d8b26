import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * What the combined API document needs to know about one route. Each service declares its
 * routes once; the document, the gateway and the handlers are all derived from that.
 */
export interface ApiRoute {
  readonly method: HttpMethod;
  /** OpenAPI style, e.g. `/customers/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Status code -> description and, unless empty, the body schema. */
  readonly responses: Readonly<Record<number, { description: string; body?: z.ZodType }>>;
}
