import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../errors/app-error';
import { createAuthenticator } from './authenticator';
import { signToken } from './sign-token';

const secret = 'unit-test-secret-with-at-least-32-chars';
const bearer = (token: string) => `Bearer ${token}`;

describe('createAuthenticator', () => {
  describe('with an HS256 secret', () => {
    const authenticate = createAuthenticator({ hs256Secret: secret });

    it('returns the subject and roles of a valid token', async () => {
      const token = await signToken({ sub: 'u1', roles: ['admin'], secret, expiresIn: '5m' });

      await expect(authenticate(bearer(token))).resolves.toEqual({ sub: 'u1', roles: ['admin'] });
    });

    it('gives an empty role list when the token has no roles claim', async () => {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u2')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));

      await expect(authenticate(bearer(token))).resolves.toEqual({ sub: 'u2', roles: [] });
    });

    it('refuses an expired token', async () => {
      const token = await signToken({ sub: 'u1', secret, expiresIn: -60 });

      await expect(authenticate(bearer(token))).rejects.toMatchObject({
        code: 'unauthenticated',
        message: 'The token has expired.',
      });
    });

    it('refuses a token signed with another secret', async () => {
      const token = await signToken({ sub: 'u1', secret: 'x'.repeat(40), expiresIn: '5m' });

      await expect(authenticate(bearer(token))).rejects.toMatchObject({
        code: 'unauthenticated',
        message: 'The token is invalid.',
      });
    });

    it('refuses a token whose roles are not a list of strings', async () => {
      const token = await new SignJWT({ roles: 'admin' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u1')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));

      await expect(authenticate(bearer(token))).rejects.toMatchObject({ code: 'unauthenticated' });
    });

    it.each([undefined, '', 'Basic dXNlcjpwdw==', 'Bearer', 'Bearer a b'])(
      'refuses the header %p',
      async (header) => {
        await expect(authenticate(header)).rejects.toThrow(AppError);
        await expect(authenticate(header)).rejects.toMatchObject({ status: 401 });
      },
    );

    it('checks issuer and audience when configured', async () => {
      const strict = createAuthenticator({ hs256Secret: secret, issuer: 'idp', audience: 'api' });
      const good = await signToken({
        sub: 'u',
        secret,
        expiresIn: '5m',
        issuer: 'idp',
        audience: 'api',
      });
      const wrong = await signToken({
        sub: 'u',
        secret,
        expiresIn: '5m',
        issuer: 'other',
        audience: 'api',
      });

      await expect(strict(bearer(good))).resolves.toMatchObject({ sub: 'u' });
      await expect(strict(bearer(wrong))).rejects.toMatchObject({ code: 'unauthenticated' });
    });
  });

  describe('with a JWKS URL', () => {
    let server: Server;
    let jwksUrl: string;
    let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('verifies an RS256 token against the key set', async () => {
      const token = await new SignJWT({ roles: ['ops'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('svc')
        .setExpirationTime('5m')
        .sign(privateKey);

      await expect(createAuthenticator({ jwksUrl })(bearer(token))).resolves.toEqual({
        sub: 'svc',
        roles: ['ops'],
      });
    });

    it('refuses an HS256 token even when it names a known key id', async () => {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
        .setSubject('svc')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));

      await expect(createAuthenticator({ jwksUrl })(bearer(token))).rejects.toMatchObject({
        code: 'unauthenticated',
      });
    });
  });

  it('needs exactly one key source', () => {
    expect(() => createAuthenticator({})).toThrow(/exactly one/);
    expect(() => createAuthenticator({ hs256Secret: secret, jwksUrl: 'https://x/jwks' })).toThrow(
      /exactly one/,
    );
  });
});
