/**
 * RingCentral error bodies, in the two shapes the platform uses:
 * OAuth endpoints `{error, error_description, errors:[{errorCode, message}]}` and
 * REST `{errorCode, message, errors:[{errorCode, message, ...}]}`.
 */

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function oauthError(
  status: number,
  error: string,
  errorCode: string,
  message: string,
  extra: Record<string, string> = {},
): Reply {
  return {
    status,
    body: { error, error_description: message, errors: [{ errorCode, message, ...extra }] },
  };
}

/** REST error; `topCode` is the sometimes generic top-level code (TokenInvalid, InvalidParameter). */
export function restError(
  status: number,
  errorCode: string,
  message: string,
  extra: Record<string, string> = {},
  topCode: string = errorCode,
): Reply {
  return {
    status,
    body: { errorCode: topCode, message, errors: [{ errorCode, message, ...extra }], ...extra },
  };
}

// --- OAuth token endpoint -------------------------------------------------------------------

export const oauth = {
  clientAuthRequired: (): Reply =>
    oauthError(401, 'invalid_client', 'OAU-123', 'Client authentication is required'),
  invalidClient: (): Reply => oauthError(401, 'invalid_client', 'OAU-153', 'Invalid client'),
  /** Byte-for-byte the body of fixtures/oauth-error-400-unauthorized_client-OAU-251. */
  unauthorizedGrant: (): Reply =>
    oauthError(400, 'unauthorized_client', 'OAU-251', 'Unauthorized for this grant type'),
  unsupportedGrant: (grant: string): Reply =>
    oauthError(400, 'unsupported_grant_type', 'OAU-250', `Unsupported grant type [${grant}]`),
  missingParameter: (name: string): Reply =>
    oauthError(400, 'invalid_request', 'OAU-101', `Parameter [${name}] is invalid`, { parameterName: name }),
  unsupportedMediaType: (): Reply =>
    oauthError(415, 'invalid_request', 'OAU-101', 'Unsupported Media Type: use application/x-www-form-urlencoded'),
  unknownClient: (): Reply => oauthError(400, 'invalid_client', 'OAU-120', 'Wrong Application ID', { parameterName: 'client_id' }),
  invalidJwt: (): Reply => oauthError(400, 'invalid_grant', 'OAU-149', 'Invalid token'),
  badCredentials: (): Reply =>
    oauthError(401, 'invalid_grant', 'OAU-140', 'Invalid resource owner credentials'),
  invalidCode: (): Reply => oauthError(400, 'invalid_grant', 'OAU-106', 'Invalid authorization code'),
  expiredCode: (): Reply => oauthError(400, 'invalid_grant', 'OAU-108', 'Authorization code is expired'),
  codeWrongApp: (): Reply =>
    oauthError(400, 'invalid_grant', 'OAU-110', 'Authorization code was not issued for this application'),
  redirectMismatch: (status = 400): Reply =>
    oauthError(status, status === 403 ? 'invalid_request' : 'invalid_grant', 'OAU-109', 'Redirect URIs do not match'),
  badVerifier: (): Reply =>
    oauthError(400, 'invalid_grant', 'OAU-106', 'Invalid authorization code: code_verifier does not match'),
  wrongApp: (): Reply => oauthError(401, 'invalid_client', 'OAU-120', 'Wrong Application ID'),
  tokenExpired: (): Reply => oauthError(400, 'invalid_grant', 'OAU-210', 'Token expired'),
  tokenRevoked: (): Reply => oauthError(400, 'invalid_grant', 'OAU-211', 'Token revoked'),
  tokenNotFound: (): Reply => oauthError(400, 'invalid_grant', 'OAU-213', 'Token not found'),
  rateLimited: (): Reply =>
    oauthError(429, 'rate_limit_exceeded', 'CMN-301', 'Request rate exceeded'),
  /** The shape of fixtures/oauth-error-503 (no `errors` array). */
  unavailable: (): Reply => ({
    status: 503,
    body: { message: 'Service Unavailable', error: 'service_unavailable', error_description: 'Service Unavailable' },
  }),
};

// --- REST -------------------------------------------------------------------------------------

export const rest = {
  noAuthHeader: (): Reply => restError(401, 'AGW-401', 'Authorization header is not specified'),
  tokenExpired: (): Reply => restError(401, 'OAU-128', 'Access token expired', {}, 'TokenInvalid'),
  tokenCorrupted: (): Reply => restError(401, 'OAU-129', 'Access token corrupted', {}, 'TokenInvalid'),
  tokenNotFound: (): Reply => restError(401, 'OAU-213', 'Token not found', {}, 'TokenInvalid'),
  notFound: (parameterName: string, parameterValue: string): Reply =>
    restError(404, 'CMN-102', `Resource for parameter [${parameterName}] is not found`, {
      parameterName,
      parameterValue,
    }),
  invalidParameter: (parameterName: string): Reply =>
    restError(400, 'CMN-101', `Parameter [${parameterName}] value is invalid`, { parameterName }, 'InvalidParameter'),
  /** Exactly the body of fixtures/rest-error-429-CMN-301. */
  rateLimited: (): Reply => restError(429, 'CMN-301', 'Request rate exceeded'),
  noPermission: (permissionName: string): Reply =>
    restError(
      403,
      'CMN-408',
      `In order to call this API endpoint, user needs to have [${permissionName}] permission for requested resource.`,
      { permissionName },
    ),
  unavailable: (status = 503): Reply => restError(status, 'CMN-201', 'Service Temporarily Unavailable'),
  internal: (): Reply => restError(500, 'CMN-201', 'Internal Server Error'),
};

/** The RingCentral-style body a `status` fault answers with, by status. */
export function restErrorForStatus(status: number): Reply {
  switch (status) {
    case 400:
      return rest.invalidParameter('request');
    case 401:
      return rest.tokenNotFound();
    case 403:
      return rest.noPermission('ReadCompanyPhoneNumbers');
    case 404:
      return rest.notFound('path', '');
    case 429:
      return rest.rateLimited();
    default:
      return status >= 500 ? rest.unavailable(status) : restError(status, 'CMN-101', 'Request failed');
  }
}

export function oauthErrorForStatus(status: number): Reply {
  switch (status) {
    case 503:
      return oauth.unavailable();
    case 400:
      return oauth.tokenRevoked();
    case 401:
      return oauth.invalidClient();
    case 429:
      return oauth.rateLimited();
    default:
      return status >= 500
        ? oauthError(status, 'server_error', 'CMN-201', 'Service Temporarily Unavailable')
        : oauthError(status, 'invalid_request', 'OAU-101', 'Request failed');
  }
}
