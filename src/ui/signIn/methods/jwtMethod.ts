import { JWT_REFUSED_HINT } from '../../../core/errorHints';
import { clientRefusal, clientSteps, refusedCredential } from './clientSteps';
import type { SignInMethod } from './method';

const CREATE_JWT = `${JWT_REFUSED_HINT} Then run "RingCentral: Sign In" and enter it.`;

/** JWT bearer: the credential an admin creates once; it also signs in again silently when the refresh token lapsed. */
export const jwtMethod: SignInMethod = {
  flow: 'jwt',
  label: 'JWT credential',
  steps(c, askAll) {
    const steps = clientSteps(c, askAll, false);
    if (askAll || !c.jwt) {
      steps.push({
        key: 'jwt',
        prompt: 'JWT credential (Developer Console → profile menu → Credentials → Create JWT)',
        placeholder: 'eyJ…',
        password: true,
        value: c.jwt ?? '',
        validate: (v) => (v.split('.').length === 3 ? undefined : 'A JWT has three parts separated by dots.'),
      });
    }
    return steps;
  },
  grant: (c) => Promise.resolve(c.jwt ? { type: 'jwt', assertion: c.jwt } : undefined),
  silentGrant: (c) => (c.jwt ? { type: 'jwt', assertion: c.jwt } : undefined),
  refused(e) {
    const client = clientRefusal(e);
    if (client) return client;
    // invalid_grant with any code (wrong, expired, revoked, another app's): the JWT itself is no good any more.
    if (e.code === 'invalid_grant' || e.code === 'OAU-120' || (e.status === 400 && e.code?.startsWith('OAU-'))) {
      return { forget: ['jwt'], error: refusedCredential(e, 'the JWT credential: it is wrong, expired, revoked, or belongs to another app or server', CREATE_JWT, 'signIn') };
    }
    return { forget: [], error: e };
  },
};
