import { browserGrant } from '../browserSignIn';
import { clientRefusal, clientSteps, refusedCredential } from './clientSteps';
import type { SignInMethod } from './method';

/** Authorization code with PKCE in the browser; only the user can do it, so it never signs in silently. */
export const browserMethod: SignInMethod = {
  flow: 'authorizationCode',
  label: 'in the browser (authorization code with PKCE)',
  steps: (c, askAll) => clientSteps(c, askAll, true),
  grant: (c, ctx) => (c.clientId ? browserGrant(ctx.server, c.clientId, ctx.redirectUri, ctx.uriHandler) : Promise.resolve(undefined)),
  silentGrant: () => undefined,
  refused(e) {
    const client = clientRefusal(e);
    if (client) return client;
    if (e.code === 'invalid_grant' || e.code === 'OAU-106' || e.code === 'OAU-108') {
      return { forget: [], error: refusedCredential(e, 'the sign-in code from the browser: it expired or was already used', 'Run "RingCentral: Sign In" again and finish in the browser within a minute.', 'signIn') };
    }
    return { forget: [], error: e };
  },
};
