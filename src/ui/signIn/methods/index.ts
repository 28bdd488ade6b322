import type { AuthFlow } from '../../../core/auth/credentials';
import { browserMethod } from './browserMethod';
import { jwtMethod } from './jwtMethod';
import type { SignInMethod } from './method';
import { passwordMethod } from './passwordMethod';

/** Every sign-in method by flow; the Record type makes a new AuthFlow fail to compile until it has its method. */
export const SIGN_IN_METHODS: Readonly<Record<AuthFlow, SignInMethod>> = {
  jwt: jwtMethod,
  authorizationCode: browserMethod,
  password: passwordMethod,
};

export type { SignInMethod } from './method';
