import { endToEndHeaders, upstreamRequestHeaders, type ClientHop } from './forwarded-headers';

const hop: ClientHop = {
  remoteAddress: '10.0.0.7',
  encrypted: false,
  newRequestId: () => 'generated-id',
};

describe('endToEndHeaders', () => {
  it('drops hop-by-hop headers and those the Connection header names', () => {
    expect(
      endToEndHeaders({
        connection: ['keep-alive, X-Secret-Hop'],
        'keep-alive': ['timeout=5'],
        'transfer-encoding': ['chunked'],
        upgrade: ['websocket'],
        'x-secret-hop': ['1'],
        authorization: ['Bearer abc'],
        'content-type': ['application/json'],
      }),
    ).toEqual({ authorization: 'Bearer abc', 'content-type': 'application/json' });
  });

  it('keeps repeated fields repeated', () => {
    expect(endToEndHeaders({ 'set-cookie': ['a=1', 'b=2'] })).toEqual({
      'set-cookie': ['a=1', 'b=2'],
    });
  });
});

describe('upstreamRequestHeaders', () => {
  it('adds forwarding headers and a request id to the client headers', () => {
    expect(
      upstreamRequestHeaders({ host: ['api.local:8080'], accept: ['application/json'] }, hop),
    ).toEqual({
      host: 'api.local:8080',
      accept: 'application/json',
      'x-forwarded-for': '10.0.0.7',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'api.local:8080',
      'x-request-id': 'generated-id',
    });
  });

  it('keeps what a proxy in front already set, appending this hop to x-forwarded-for', () => {
    const headers = upstreamRequestHeaders(
      {
        host: ['gateway.internal'],
        'x-forwarded-for': ['203.0.113.1, 198.51.100.2'],
        'x-forwarded-proto': ['https'],
        'x-forwarded-host': ['api.example.com'],
        'x-request-id': ['abc'],
      },
      { ...hop, encrypted: true },
    );

    expect(headers).toMatchObject({
      'x-forwarded-for': '203.0.113.1, 198.51.100.2, 10.0.0.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'api.example.com',
      'x-request-id': 'abc',
    });
  });

  it('says https when the client used TLS, and joins cookies into one field', () => {
    const headers = upstreamRequestHeaders({ cookie: ['a=1', 'b=2'] }, { ...hop, encrypted: true });

    expect(headers).toMatchObject({ 'x-forwarded-proto': 'https', cookie: 'a=1; b=2' });
  });

  it('does not forward Expect, which the gateway answered itself', () => {
    expect(upstreamRequestHeaders({ expect: ['100-continue'] }, hop)).not.toHaveProperty('expect');
  });

  it('generates a request id for an empty one', () => {
    expect(upstreamRequestHeaders({ 'x-request-id': [''] }, hop)['x-request-id']).toBe(
      'generated-id',
    );
  });
});
