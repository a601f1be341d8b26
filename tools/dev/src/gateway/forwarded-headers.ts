import type { OutgoingHttpHeaders } from 'node:http';

/**
 * Hop-by-hop headers (RFC 9110 section 7.6.1): they describe one connection, so a proxy never
 * forwards them. `transfer-encoding` is re-applied by Node for the next hop when a body is
 * streamed without a length.
 */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
  // Answered by the gateway's own server already; the upstream must not answer it again.
  'expect',
]);

/** Headers as Node gives them in `headersDistinct`: every value of every field, in order. */
export type DistinctHeaders = Readonly<Record<string, readonly string[] | undefined>>;

/**
 * The headers to forward to the next hop: all but the hop-by-hop ones (and those `Connection`
 * names). A repeated field stays repeated (`set-cookie`); a single one becomes a plain string.
 */
export function endToEndHeaders(headers: DistinctHeaders): Record<string, string | string[]> {
  const named = new Set(
    (headers.connection ?? []).flatMap((v) => v.split(',').map((t) => t.trim().toLowerCase())),
  );
  const result: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(headers)) {
    if (values === undefined || hopByHop.has(name) || named.has(name)) continue;
    result[name] = values.length === 1 ? (values[0] as string) : [...values];
  }
  return result;
}

/** Where a request came from, as the gateway's socket saw it. */
export interface ClientHop {
  /** The client's address, e.g. `127.0.0.1`. */
  readonly remoteAddress: string | undefined;
  /** Whether the client talked TLS to the gateway. */
  readonly encrypted: boolean;
  /** The request id to use when the client sent none. */
  readonly newRequestId: () => string;
}

/**
 * The request headers the upstream gets: the client's end-to-end headers unchanged (including
 * `Host` and `Authorization`), plus `x-forwarded-for` (the client appended to any earlier hops),
 * `x-forwarded-proto` and `x-forwarded-host` (kept when a proxy in front already set them), and
 * `x-request-id` when the client sent none.
 */
export function upstreamRequestHeaders(
  headers: DistinctHeaders,
  hop: ClientHop,
): OutgoingHttpHeaders & { 'x-request-id': string } {
  const first = (name: string) => headers[name]?.[0] || undefined;
  const result: OutgoingHttpHeaders = endToEndHeaders(headers);
  // RFC 6265: one Cookie field per request, its pairs joined by "; ".
  if (headers.cookie !== undefined) result.cookie = headers.cookie.join('; ');
  const chain = [...(headers['x-forwarded-for'] ?? [])];
  if (hop.remoteAddress !== undefined) chain.push(hop.remoteAddress);
  if (chain.length > 0) result['x-forwarded-for'] = chain.join(', ');
  result['x-forwarded-proto'] = first('x-forwarded-proto') ?? (hop.encrypted ? 'https' : 'http');
  const host = first('x-forwarded-host') ?? first('host');
  if (host !== undefined) result['x-forwarded-host'] = host;
  const requestId = first('x-request-id') ?? hop.newRequestId();
  return { ...result, 'x-request-id': requestId };
}
