/**
 * Converts an OpenAPI path template to express 5 syntax: `/customers/{id}` -> `/customers/:id`.
 * In express 5 braces mean an optional segment, so the template cannot be mounted as it is.
 */
export function toExpressPath(template: string): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ':$1');
}
