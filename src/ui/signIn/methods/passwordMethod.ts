import { clientRefusal, clientSteps } from './clientSteps';
import type { SignInMethod } from './method';

/** The legacy password grant, which RingCentral ended for most apps in 2024; kept to explain the move to JWT. */
export const passwordMethod: SignInMethod = {
  flow: 'password',
  label: 'password (legacy)',
  steps(c, askAll) {
    const steps = clientSteps(c, askAll, false);
    if (askAll || !c.username) steps.push({ key: 'username', prompt: 'Username: phone number in E.164 (+16505550100) or email', placeholder: '+16505550100 or name@example.com', value: c.username ?? '' });
    if (askAll || !c.username) {
      steps.push({ key: 'extension', prompt: 'Extension number (optional)', placeholder: '101', optional: true, value: c.extension ?? '', validate: (v) => (/^\d+$/.test(v) ? undefined : 'Digits only.') });
    }
    if (askAll || !c.password) steps.push({ key: 'password', prompt: 'Password', password: true, value: '' });
    return steps;
  },
  grant: (c) =>
    Promise.resolve(c.username && c.password ? { type: 'password', username: c.username, password: c.password, ...(c.extension ? { extension: c.extension } : {}) } : undefined),
  // A stored password is not used behind the user's back: the session ends and Sign In asks.
  silentGrant: () => undefined,
  refused(e) {
    return clientRefusal(e) ?? (e.action === 'reenterPassword' ? { forget: ['password'], error: e } : { forget: [], error: e });
  },
};
