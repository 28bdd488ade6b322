import * as z from 'zod';

// The two documented shapes, for code that wants to validate a body strictly. readErrorBody does
// not use them: it must get something useful out of any body, valid or not.

/** `errors[].parameters[]` on OAuth errors. */
const OAuthErrorParameterSchema = z.looseObject({ parameterName: z.string().optional(), parameterValue: z.string().optional() });

/** Error body of `/restapi/oauth/*`: `{error, error_description, errors:[{errorCode, message, parameters?}]}`. */
export const OAuthErrorBodySchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
  message: z.string().optional(),
  errors: z
    .array(z.looseObject({ errorCode: z.string().optional(), message: z.string().optional(), parameters: z.array(OAuthErrorParameterSchema).optional() }))
    .optional(),
});

/** Error body of REST calls: `{errorCode, message, errors:[{errorCode, message, parameterName?, parameterValue?}]}`. */
export const RestErrorBodySchema = z.looseObject({
  errorCode: z.string().optional(),
  message: z.string().optional(),
  errors: z
    .array(
      z.looseObject({
        errorCode: z.string().optional(),
        message: z.string().optional(),
        parameterName: z.string().optional(),
        parameterValue: z.string().optional(),
      }),
    )
    .optional(),
});

export type OAuthErrorBody = z.infer<typeof OAuthErrorBodySchema>;
export type RestErrorBody = z.infer<typeof RestErrorBodySchema>;

export interface ErrorParameter {
  name: string;
  value?: string;
}

export interface ErrorBodySummary {
  code?: string;
  message?: string;
  /**
   * Parameters the server named (`parameters[]`, `parameterName`/`parameterValue`, `permissionName`).
   * Values echo what the request sent, so treat them like request data: do not log them verbatim.
   */
  parameters?: ErrorParameter[];
  /** The OAuth `error` field (`invalid_grant`, `invalid_client`…), for advice when the code itself is not known. */
  oauthError?: string;
  /**
   * The permission the body says is missing (CMN-401, CMN-408): `errors[].permissionName`, the same at the top level
   * (RingCentral repeats it there), `permissionsName` (as CMN-419 spells it), or a parameter of that name.
   */
  permission?: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A usable string: gateways send numbers for codes now and then, and blanks mean nothing. */
function str(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function parametersOf(item: Record<string, unknown> | undefined): ErrorParameter[] | undefined {
  if (!item) return undefined;
  const found: ErrorParameter[] = [];
  const add = (name: unknown, value: unknown): void => {
    const n = str(name);
    if (n === undefined) return;
    const v = str(value);
    found.push(v === undefined ? { name: n } : { name: n, value: v });
  };
  if (Array.isArray(item.parameters)) {
    for (const p of item.parameters) {
      const param = record(p);
      if (param) add(param.parameterName, param.parameterValue);
    }
  }
  add(item.parameterName, item.parameterValue);
  // CMN-408 names the missing user permission this way; the hint needs it.
  if (item.permissionName !== undefined) add('permissionName', item.permissionName);
  return found.length > 0 ? found : undefined;
}

/**
 * The most specific code and message in any RingCentral error body, OAuth or REST. The top-level
 * code is sometimes generic (`TokenInvalid`, `AGW-401`), so `errors[0]` wins. Accepts anything:
 * a parsed body, raw text (tried as JSON), HTML from a proxy, null; unusable input gives `{}`.
 */
export function readErrorBody(body: unknown): ErrorBodySummary {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return {};
    }
  }
  const top = record(parsed);
  if (!top) return {};
  const first = Array.isArray(top.errors) ? record(top.errors.find((e) => record(e) !== undefined)) : undefined;

  const summary: ErrorBodySummary = {};
  const code = str(first?.errorCode) ?? str(top.errorCode) ?? str(top.error);
  const message = str(first?.message) ?? str(top.message) ?? str(top.error_description);
  const parameters = parametersOf(first);
  const oauthError = str(top.error);
  const permission =
    str(first?.permissionName) ??
    str(first?.permissionsName) ??
    str(top.permissionName) ??
    str(top.permissionsName) ??
    parameters?.find((p) => p.name === 'permissionName' || p.name === 'permissionsName')?.value;
  if (code !== undefined) summary.code = code;
  if (message !== undefined) summary.message = message;
  if (parameters !== undefined) summary.parameters = parameters;
  if (oauthError !== undefined) summary.oauthError = oauthError;
  if (permission !== undefined) summary.permission = permission;
  return summary;
}
