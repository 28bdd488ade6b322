import { RingCentralError } from '../../../core/errors';
import type { StoredCredentials } from '../../auth/credentialVault';
import type { InputStep } from '../inputSteps';
import type { Refusal } from './method';

/** Client ID and secret, asked first by every method when missing (the secret is optional for a public PKCE app). */
export function clientSteps(c: StoredCredentials, askAll: boolean, secretOptional: boolean): InputStep[] {
  if (!askAll && c.clientId && (secretOptional || c.clientSecret)) return [];
  return [
    {
      key: 'clientId',
      prompt: 'Client ID of your RingCentral app (Developer Console → your app → Credentials)',
      placeholder: 'Client ID',
      value: c.clientId ?? '',
      validate: (v) => (/\s/.test(v) ? 'A client ID has no spaces.' : undefined),
    },
    {
      key: 'clientSecret',
      prompt: secretOptional ? 'Client secret (leave empty for a public app that uses PKCE only)' : 'Client secret of the app',
      placeholder: 'Client Secret',
      password: true,
      optional: secretOptional,
      value: c.clientSecret ?? '',
    },
  ];
}

const CLIENT_CODES = new Set(['invalid_client', 'OAU-123', 'OAU-146', 'OAU-153']);

/** A refusal of the app's own credentials, the same for every method: forget the secret so the next sign-in asks. */
export function clientRefusal(e: RingCentralError): Refusal | undefined {
  return e.code !== undefined && CLIENT_CODES.has(e.code) ? { forget: ['clientSecret'], error: e } : undefined;
}

/** Says which credential was refused and how to get a new one; keeps the server's code and words. */
export function refusedCredential(e: RingCentralError, what: string, hint: string, action: RingCentralError['action']): RingCentralError {
  return new RingCentralError({
    kind: 'http',
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.code !== undefined ? { code: e.code } : {}),
    message: `RingCentral refused ${what}${e.code ? ` (${e.code})` : ''}.`,
    hint,
    ...(action ? { action } : {}),
    cause: e,
  });
}
