/** The app's identity. No secret means a public (PKCE) app, which sends `client_id` in the body instead of Basic auth. */
export interface AppCredentials {
  clientId: string;
  clientSecret?: string;
}

export type AuthFlow = 'jwt' | 'authorizationCode' | 'password';

export type Grant =
  | { type: 'jwt'; assertion: string }
  | { type: 'password'; username: string; password: string; extension?: string }
  | { type: 'authorizationCode'; code: string; redirectUri: string; codeVerifier: string };

export function flowOf(grant: Grant): AuthFlow {
  return grant.type;
}

export interface TokenTtl {
  /** Seconds, 600..3600 on RingCentral. */
  accessTokenTtl?: number;
  /** Seconds; 604800 (7 days) by default. */
  refreshTokenTtl?: number;
}
