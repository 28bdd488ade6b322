import type { AuthFlow, Grant } from '../../../core/auth/credentials';
import type { RingCentralError } from '../../../core/errors';
import type { StoredCredentials } from '../../auth/credentialVault';
import type { AuthUriHandler } from '../browserSignIn';
import type { InputStep } from '../inputSteps';

/** What a method may need to make its grant. */
export interface GrantContext {
  server: string;
  redirectUri: string;
  uriHandler: AuthUriHandler;
}

/** A refusal, as the method reads it: which stored values were wrong, and what to tell the user. */
export interface Refusal {
  forget: (keyof StoredCredentials)[];
  error: RingCentralError;
}

/**
 * One way to sign in, as data (like VS Code's built-in GitHub authentication keeps its flows): what it asks, the
 * grant it makes, whether it can sign in again without asking, and what a refusal means. A new method is one file
 * plus its entry in SIGN_IN_METHODS, and the compiler finds every place that must know about it.
 */
export interface SignInMethod {
  readonly flow: AuthFlow;
  /** As the welcome view and quick pick show it. */
  readonly label: string;
  /** What is asked, given what SecretStorage holds; `askAll` asks everything again, prefilled. */
  steps(stored: StoredCredentials, askAll: boolean): InputStep[];
  /** The grant from the stored values (the browser method opens the browser); undefined when cancelled or incomplete. */
  grant(stored: StoredCredentials, ctx: GrantContext): Promise<Grant | undefined>;
  /** A grant that signs in again without the user, when the refresh token lapsed; undefined when only the user can. */
  silentGrant(stored: StoredCredentials): Grant | undefined;
  /** The server refused this method's grant (at sign-in or silently). */
  refused(e: RingCentralError): Refusal;
}
