import { createHash, randomBytes } from 'node:crypto';
import type { EmulatorCredentials } from './api';
import { base64url, opaqueToken } from './random';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 22-character alphanumeric id, the shape of RingCentral client ids. */
function clientIdLike(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < 22; i++) out += ALNUM[(bytes[i] ?? 0) % ALNUM.length];
  return out;
}

/**
 * A JWT-shaped credential (header.payload.signature) like the ones the Developer Console issues.
 * The emulator treats it as opaque; `material` makes the signature deterministic when given.
 */
export function jwtCredential(ownerId: string, accountId: string, material?: string): string {
  const header = { kid: '87a05f8f6b3a4b3a9b5bd0e6d3fda2c3', typ: 'JWT', alg: 'RS256' };
  const payload = {
    aud: 'https://platform.ringcentral.com/restapi/oauth/token',
    sub: ownerId,
    iss: 'https://platform.ringcentral.com',
    exp: 3_900_000_000,
    iat: 1_717_000_000,
    jti: material ? createHash('sha256').update(`jti:${material}`).digest('base64url').slice(0, 22) : opaqueToken(16),
    account_id: accountId,
  };
  const enc = (o: object): string => base64url(Buffer.from(JSON.stringify(o)));
  let signature: Buffer;
  if (material) {
    const parts: Buffer[] = [];
    for (let i = 0; i < 8; i++) parts.push(createHash('sha256').update(`sig:${i}:${material}`).digest());
    signature = Buffer.concat(parts);
  } else {
    signature = randomBytes(256);
  }
  return `${enc(header)}.${enc(payload)}.${base64url(signature)}`;
}

/**
 * Fills in whatever `given` lacks with random values. When the confidential app's id and secret
 * are given, a missing JWT is derived from them (and the seeded user), so it is reproducible too.
 */
export function resolveCredentials(
  given: Partial<EmulatorCredentials> | undefined,
  ownerId: string,
  accountId: string,
): EmulatorCredentials {
  const fixedApp = given?.clientId !== undefined && given.clientSecret !== undefined;
  const material = fixedApp ? `${given.clientId}:${given.clientSecret}:${ownerId}` : undefined;
  return {
    clientId: given?.clientId ?? clientIdLike(randomBytes(22)),
    clientSecret: given?.clientSecret ?? opaqueToken(32),
    publicClientId: given?.publicClientId ?? clientIdLike(randomBytes(22)),
    jwt: given?.jwt ?? jwtCredential(ownerId, accountId, material),
    password: given?.password ?? `pw-${opaqueToken(9)}`,
  };
}

/** Fixed demo credentials for `npm run emulator` (valid only against the local emulator). */
export const DEMO_CREDENTIALS: Omit<EmulatorCredentials, 'jwt'> = {
  clientId: 'EmuDemoConfidentialApp',
  clientSecret: 'emulator-demo-secret-not-a-real-one',
  publicClientId: 'EmuDemoPublicPkceApp01',
  password: 'emulator-demo-password',
};
