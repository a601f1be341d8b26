/** One segment of a declared path: fixed text, or a `{name}` parameter matching one segment. */
export type PathSegment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string };

// RFC 3986 pchar without percent-encoding: what a declared literal segment may contain.
const literalSegment = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]+$/;
const paramSegment = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/**
 * Parses an OpenAPI-style path such as `/customers/{id}/history` into segments. Only whole
 * segments can be parameters; `/files/{name}.json`, empty or dot segments, a trailing slash and
 * a repeated parameter name are rejected, because the gateway (and the HTTPRoutes rendered from
 * the same table) could not match them unambiguously.
 *
 * @throws Error naming the path and what is wrong with it.
 */
export function parsePathPattern(path: string): PathSegment[] {
  const fail = (why: string): never => {
    throw new Error(`invalid route path ${JSON.stringify(path)}: ${why}`);
  };
  if (!path.startsWith('/')) fail('it must start with "/"');
  if (path === '/') return [];
  const names = new Set<string>();
  return path
    .slice(1)
    .split('/')
    .map((segment): PathSegment => {
      if (segment === '') return fail('empty segment or trailing slash');
      const param = paramSegment.exec(segment);
      if (param) {
        const name = param[1] as string;
        if (names.has(name)) fail(`parameter {${name}} appears twice`);
        names.add(name);
        return { kind: 'param', name };
      }
      if (segment.includes('{') || segment.includes('}')) {
        fail(`segment "${segment}" mixes text and a parameter; parameters must be whole segments`);
      }
      if (segment === '.' || segment === '..') fail('dot segments are not allowed');
      if (!literalSegment.test(segment)) fail(`segment "${segment}" has characters to escape`);
      return { kind: 'literal', value: segment };
    });
}

/**
 * Whether some request path matches both patterns: same number of segments, and at each position
 * a parameter on either side or the same literal.
 */
export function patternsOverlap(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  return (
    a.length === b.length &&
    a.every((sa, i) => {
      const sb = b[i] as PathSegment;
      return sa.kind === 'param' || sb.kind === 'param' || sa.value === sb.value;
    })
  );
}

/** Whether two patterns match exactly the same paths (they differ at most in parameter names). */
export function patternsEquivalent(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  return (
    a.length === b.length &&
    a.every((sa, i) => {
      const sb = b[i] as PathSegment;
      return sa.kind === sb.kind && (sa.kind === 'param' || sa.value === (sb as typeof sa).value);
    })
  );
}

/**
 * Orders patterns most specific first: at the first position where they differ in kind, a literal
 * beats a parameter. Patterns that never match the same path keep a stable, readable order.
 */
export function compareSpecificity(a: readonly PathSegment[], b: readonly PathSegment[]): number {
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    const ka = (a[i] as PathSegment).kind;
    const kb = (b[i] as PathSegment).kind;
    if (ka !== kb) return ka === 'literal' ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * Splits a request's raw (still percent-encoded) pathname into segments, or returns undefined
 * when it can never name a route: no leading slash, an empty segment, a trailing slash, or a
 * `.`/`..` segment (also when encoded), which an upstream might resolve differently than we do.
 */
export function splitRequestPath(pathname: string): string[] | undefined {
  if (!pathname.startsWith('/')) return undefined;
  if (pathname === '/') return [];
  const segments = pathname.slice(1).split('/');
  for (const segment of segments) {
    if (segment === '') return undefined;
    const decoded = segment.replace(/%2e/gi, '.');
    if (decoded === '.' || decoded === '..') return undefined;
  }
  return segments;
}
