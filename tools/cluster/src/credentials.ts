import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Files the API server and the controller manager read their credentials from. */
export interface Credentials {
  /** Bearer token of `admin`, a member of system:masters (static token file). */
  readonly adminToken: string;
  readonly tokenFile: string;
  /** RSA key pair that signs and verifies service-account tokens. */
  readonly serviceAccountKey: string;
  readonly serviceAccountPub: string;
}

/**
 * Writes a fresh admin token and service-account key pair under `dir` (mode 0600). The API
 * server requires the signing key; the controller manager's token controller uses the same key.
 */
export function writeCredentials(dir: string): Credentials {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const adminToken = randomBytes(32).toString('hex');
  const files = {
    tokenFile: path.join(dir, 'tokens.csv'),
    serviceAccountKey: path.join(dir, 'sa.key'),
    serviceAccountPub: path.join(dir, 'sa.pub'),
  };
  // token,user,uid,"group1,group2"
  writeFileSync(files.tokenFile, `${adminToken},admin,admin,"system:masters"\n`, { mode: 0o600 });
  writeFileSync(files.serviceAccountKey, privateKey, { mode: 0o600 });
  writeFileSync(files.serviceAccountPub, publicKey, { mode: 0o600 });
  return { adminToken, ...files };
}
