import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { manyPhoneNumbers } from './sampleRecords';
import {
  AccountInfoSchema,
  ExtensionInfoSchema,
  formatIssues,
  ListEnvelopeSchema,
  OAuthErrorBodySchema,
  parseAsReceived,
  parseRecords,
  PhoneNumberSchema,
  readErrorBody,
  RestErrorBodySchema,
  TokenInfoSchema,
  type PhoneNumber,
} from '../../src/core/schemas';

// Compiled to out/test/unit/; the repository sits beside ../shared.
const FIXTURES = path.resolve(__dirname, '../../../../shared/ringcentral/fixtures');

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as unknown;
}

function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

function obj(value: unknown): Record<string, unknown> {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value));
  return value as Record<string, unknown>;
}

const TOKEN_FIXTURES = [
  'token-response.api-docs.json',
  'token-response.spec-property-examples.json',
  'token-response.rcjs-test-mock.json',
  'token-refresh-response.rcjs-test-mock.json',
];

const ERROR_FIXTURES: Record<string, { code: string; message: string; oauth: boolean; oauthError?: string }> = {
  'oauth-error-400-invalid_grant-OAU-211.widgets-mock.json': { code: 'OAU-211', message: 'Token revoked', oauth: true, oauthError: 'invalid_grant' },
  'oauth-error-400-unauthorized_client-OAU-251.stackoverflow.json': { code: 'OAU-251', message: 'Unauthorized for this grant type', oauth: true, oauthError: 'unauthorized_client' },
  'oauth-error-503.widgets-mock.json': { code: 'service_unavailable', message: 'Service Unavailable', oauth: true, oauthError: 'service_unavailable' },
  'rest-error-429-CMN-301.community.json': { code: 'CMN-301', message: 'Request rate exceeded', oauth: false },
  'rest-error-envelope.api-docs.json': { code: 'ABC-123', message: 'Error message', oauth: false },
};

const LIST_FIXTURES = ['account-phone-numbers-v2.spec-example.json', 'extension-list.widgets.json', 'paging-multipage-timezone.widgets-mock.json'];

// Header captures, not bodies: the rate-limit code reads them, no schema does.
const NOT_BODIES = ['rate-limit-headers.account-info.api-docs.json', 'rate-limit-headers.429.grokify-sdk-issue.json'];

describe('schemas against the recorded RingCentral fixtures', function () {
  before(function () {
    if (!existsSync(FIXTURES)) {
      console.log(`    (skipped: fixtures not found at ${FIXTURES}; the repository must sit beside shared/)`);
      this.skip();
    }
  });

  it('every fixture file is covered by a test here', () => {
    const known = new Set([...TOKEN_FIXTURES, ...Object.keys(ERROR_FIXTURES), ...LIST_FIXTURES, ...NOT_BODIES, 'paging-model.spec-property-examples.json']);
    const unknown = readdirSync(FIXTURES).filter((f) => f.endsWith('.json') && !known.has(f));
    assert.deepEqual(unknown, [], 'new fixture files: add them to a schema test');
  });

  for (const name of TOKEN_FIXTURES) {
    it(`TokenInfo parses ${name}`, () => {
      const raw = obj(fixture(name));
      const token = TokenInfoSchema.parse(raw);
      assert.equal(token.access_token, raw.access_token);
      assert.equal(typeof token.expires_in, 'number');
      assert.equal(token.refresh_token, raw.refresh_token);
      assert.equal(token.token_type, 'bearer');
    });
  }

  it('TokenInfo keeps endpoint_id and owner_id from the spec example', () => {
    const token = TokenInfoSchema.parse(fixture('token-response.spec-property-examples.json'));
    assert.equal(token.owner_id, '256440016');
    assert.equal(token.endpoint_id, '8zXq6oaLT7WvwWITlGiA1A');
  });

  for (const [name, expected] of Object.entries(ERROR_FIXTURES)) {
    it(`readErrorBody reads ${name}`, () => {
      const body = fixture(name);
      const summary = { code: expected.code, message: expected.message, ...(expected.oauthError ? { oauthError: expected.oauthError } : {}) };
      assert.deepEqual(readErrorBody(body), summary);
      // Raw text from the wire gives the same answer.
      assert.deepEqual(readErrorBody(fixtureText(name)), summary);
      const schema = expected.oauth ? OAuthErrorBodySchema : RestErrorBodySchema;
      assert.ok(schema.safeParse(body).success);
    });
  }

  it('v2 phone numbers: all records valid, returned as received (string ids, tollType, byocNumber)', () => {
    const text = fixtureText('account-phone-numbers-v2.spec-example.json');
    const envelope = ListEnvelopeSchema.parse(JSON.parse(text));
    const original = obj(JSON.parse(text)).records as unknown[];
    const { valid, invalid } = parseRecords(envelope.records, PhoneNumberSchema);
    assert.equal(invalid.length, 0);
    assert.equal(valid.length, 3);
    // Byte-identical serialisation: every field, server key order, at every depth.
    assert.equal(JSON.stringify(valid), JSON.stringify(original));
    assert.equal(valid[1]?.extension?.extensionNumber, '10022');
    assert.equal(envelope.paging?.totalElements, 3);
    assert.equal(envelope.navigation, undefined);
  });

  it('extension list: records valid as ExtensionInfo, nested permissions readable, order kept', () => {
    const text = fixtureText('extension-list.widgets.json');
    const envelope = ListEnvelopeSchema.parse(JSON.parse(text));
    const { valid, invalid } = parseRecords(envelope.records, ExtensionInfoSchema);
    assert.deepEqual(invalid, []);
    assert.equal(valid.length, 2);
    assert.equal(valid[0]?.permissions?.admin?.enabled, true);
    assert.equal(valid[0]?.contact?.email, 'email@email.com');
    assert.equal(JSON.stringify(valid), JSON.stringify(obj(JSON.parse(text)).records));
    // Quirk kept as is: perPage=max echoed as 1000, totals inconsistent with the records.
    assert.equal(envelope.paging?.perPage, 1000);
  });

  it('multi-page envelope: navigation links and totals', () => {
    const envelope = ListEnvelopeSchema.parse(fixture('paging-multipage-timezone.widgets-mock.json'));
    assert.equal(envelope.paging?.page, 1);
    assert.equal(envelope.paging?.totalPages, 2);
    assert.equal(envelope.paging?.totalElements, 196);
    assert.match(envelope.navigation?.nextPage?.uri ?? '', /page=2/);
    assert.ok(envelope.navigation?.firstPage?.uri);
    assert.ok(envelope.records.length > 0);
  });

  it('paging model example is a valid paging object', () => {
    const paging = obj(fixture('paging-model.spec-property-examples.json'));
    const envelope = ListEnvelopeSchema.parse({ records: [], paging });
    assert.deepEqual(envelope.paging, paging);
  });

  it('record schemas never transform (so returning the server object is sound)', () => {
    const cases: [typeof PhoneNumberSchema | typeof ExtensionInfoSchema, string][] = [
      [PhoneNumberSchema, 'account-phone-numbers-v2.spec-example.json'],
      [ExtensionInfoSchema, 'extension-list.widgets.json'],
    ];
    for (const [schema, name] of cases) {
      for (const record of obj(fixture(name)).records as unknown[]) assert.deepStrictEqual(schema.parse(record), record);
    }
    assert.deepStrictEqual(AccountInfoSchema.parse(sampleAccount()), sampleAccount());
  });
});

/** GET /account/~ as API.md describes it (no captured body exists in the fixtures). */
function sampleAccount(): Record<string, unknown> {
  return {
    uri: 'https://platform.ringcentral.com/restapi/v1.0/account/403220008',
    id: 403220008,
    serviceInfo: {
      uri: 'https://platform.ringcentral.com/restapi/v1.0/account/403220008/service-info',
      brand: { id: '1210', name: 'RingCentral', homeCountry: { id: '1', uri: 'https://x/country/1' } },
      servicePlan: { id: '8094', name: 'Sandbox Office 4 lines Enterprise Edition', edition: 'Enterprise' },
      billingPlan: { id: '8716', name: 'Monthly-109.98-Sandbox 4 Line', durationUnit: 'Month', duration: 1, type: 'Regular' },
    },
    operator: { uri: 'https://x/extension/403220008', id: 403220008, extensionNumber: '101' },
    mainNumber: '+16505550100',
    status: 'Confirmed',
    setupWizardState: 'Completed',
    signupInfo: { tosAccepted: false, signupState: ['AccountCreated', 'BillingEntered'], verificationReason: 'Unknown' },
    statusInfo: {},
    regionalSettings: {
      homeCountry: { id: '1', uri: 'https://x/country/1', name: 'United States', isoCode: 'US', callingCode: '1' },
      timezone: { id: '58', uri: 'https://x/timezone/58', name: 'US/Pacific', description: 'Pacific Time (US & Canada)', bias: '-480' },
      language: { id: '1033', name: 'English (United States)', localeCode: 'en-US' },
      formattingLocale: { id: '1033', name: 'English (United States)', localeCode: 'en-US' },
      timeFormat: '12h',
    },
    federated: false,
    limits: { freeSoftPhoneLinesPerExtension: 1, meetingSize: 5, maxMonitoredExtensionsPerUser: 100 },
    bsid: 'ab12',
    futureField: { nested: [1, 2] },
  };
}

describe('TokenInfo', () => {
  const base = { access_token: 'AT-SECRET-123', token_type: 'bearer', expires_in: 3600 };

  it('keeps unknown fields', () => {
    const token = TokenInfoSchema.parse({ ...base, brand_new_field: 'x' });
    assert.equal(token.brand_new_field, 'x');
  });

  it('accepts numbers for ids and numeric strings for seconds, normalising both', () => {
    const token = TokenInfoSchema.parse({ ...base, expires_in: '3599', refresh_token_expires_in: 604800, owner_id: 256440016, session_id: 77, session_idle_timeout: '900' });
    assert.equal(token.expires_in, 3599);
    assert.equal(token.refresh_token_expires_in, 604800);
    assert.equal(token.owner_id, '256440016');
    assert.equal(token.session_id, '77');
    assert.equal(token.session_idle_timeout, 900);
  });

  it('treats null optional fields as absent (no refresh token issued)', () => {
    const token = TokenInfoSchema.parse({ ...base, refresh_token: null, scope: null });
    assert.equal(token.refresh_token, undefined);
    assert.equal(token.scope, undefined);
  });

  it('rejects a body without a usable access token, without echoing values', () => {
    for (const bad of [{ ...base, access_token: '' }, { token_type: 'bearer', expires_in: 3600 }, { ...base, expires_in: 'soon' }, null, 'AT-SECRET-123']) {
      const result = TokenInfoSchema.safeParse(bad);
      assert.equal(result.success, false);
      if (!result.success) assert.ok(!formatIssues(result.error).includes('AT-SECRET-123'), formatIssues(result.error));
    }
  });
});

describe('readErrorBody tolerance', () => {
  it('prefers errors[0] over a generic top-level code', () => {
    assert.deepEqual(readErrorBody({ errorCode: 'TokenInvalid', message: 'Generic', errors: [{ errorCode: 'OAU-213', message: 'Token not found' }] }), {
      code: 'OAU-213',
      message: 'Token not found',
    });
  });

  it('falls back field by field: errorCode, then error; message, then error_description', () => {
    assert.deepEqual(readErrorBody({ errorCode: 'AGW-401', errors: [{}] }), { code: 'AGW-401' });
    assert.deepEqual(readErrorBody({ error: 'invalid_client', error_description: 'Bad client' }), { code: 'invalid_client', message: 'Bad client', oauthError: 'invalid_client' });
    assert.deepEqual(readErrorBody({ errors: [{ message: 'only a message' }], error: 'x' }), { code: 'x', message: 'only a message', oauthError: 'x' });
  });

  it('returns {} for anything unusable', () => {
    for (const body of [undefined, null, 42, true, '', 'not json', '<html><body>502 Bad Gateway</body></html>', '[1,2]', [], [{ errorCode: 'X' }], { errors: 'nope' }, {}]) {
      assert.deepEqual(readErrorBody(body), {}, JSON.stringify(body));
    }
  });

  it('skips junk entries in errors[], ignores blanks, and stringifies numeric codes', () => {
    assert.deepEqual(readErrorBody({ errors: [null, 5, { errorCode: 'CMN-102', message: 'Resource not found' }] }), { code: 'CMN-102', message: 'Resource not found' });
    assert.deepEqual(readErrorBody({ errorCode: '  ', message: '', error: 'invalid_request' }), { code: 'invalid_request', oauthError: 'invalid_request' });
    assert.deepEqual(readErrorBody({ errorCode: 401 }), { code: '401' });
  });

  it('collects parameters in both shapes and the CMN-408 permission name', () => {
    assert.deepEqual(
      readErrorBody({ error: 'invalid_request', errors: [{ errorCode: 'OAU-101', message: 'Parameter [redirect_uri] is invalid', parameters: [{ parameterName: 'redirect_uri', parameterValue: 'http://127.0.0.1:1/cb' }, 'junk'] }] }).parameters,
      [{ name: 'redirect_uri', value: 'http://127.0.0.1:1/cb' }],
    );
    assert.deepEqual(readErrorBody({ errorCode: 'CMN-101', errors: [{ errorCode: 'CMN-101', message: 'Parameter [perPage] value is invalid', parameterName: 'perPage', parameterValue: 'x' }] }).parameters, [
      { name: 'perPage', value: 'x' },
    ]);
    assert.deepEqual(readErrorBody({ errorCode: 'CMN-408', errors: [{ errorCode: 'CMN-408', message: 'In order to call this API endpoint, user needs to have [ReadCompanyPhoneNumbers] permission', permissionName: 'ReadCompanyPhoneNumbers' }] }), {
      code: 'CMN-408',
      message: 'In order to call this API endpoint, user needs to have [ReadCompanyPhoneNumbers] permission',
      parameters: [{ name: 'permissionName', value: 'ReadCompanyPhoneNumbers' }],
      permission: 'ReadCompanyPhoneNumbers',
    });
  });
});

describe('records: loose, ordered, bad ones skipped', () => {
  it('keeps unknown fields and the server key order at every depth (the same object comes back)', () => {
    const record = { zeta: 1, label: 'Front desk', extension: { name: 'Ann', zz: true, id: 7 }, phoneNumber: '+16505550100', id: 1, omega: [1, { b: 1, a: 2 }] };
    const { valid } = parseRecords([record], PhoneNumberSchema);
    assert.equal(valid[0], record);
    assert.deepEqual(Object.keys(valid[0] ?? {}), ['zeta', 'label', 'extension', 'phoneNumber', 'id', 'omega']);
    assert.deepEqual(Object.keys(valid[0]?.extension ?? {}), ['name', 'zz', 'id']);
    assert.equal(valid[0]?.zeta, 1);
  });

  it('reports and skips bad records, never failing the list', () => {
    const good = (n: number): Record<string, unknown> => ({ id: n, phoneNumber: `+1650555010${n}`, usageType: 'SomethingNew2030' });
    const records: unknown[] = [good(1), { id: 2 }, null, 'text', { id: 3, phoneNumber: '+16505550103', label: 5 }, { id: {}, phoneNumber: '' }, good(6)];
    const { valid, invalid } = parseRecords<PhoneNumber>(records, PhoneNumberSchema);
    assert.deepEqual(
      valid.map((r) => r.id),
      [1, 6],
    );
    assert.deepEqual(
      invalid.map((i) => i.index),
      [1, 2, 3, 4, 5],
    );
    assert.match(invalid[0]?.issues ?? '', /^phoneNumber: /);
    assert.match(invalid[1]?.issues ?? '', /^\(value\): /);
    assert.match(invalid[3]?.issues ?? '', /^label: /);
    assert.match(invalid[4]?.issues ?? '', /id: .*; phoneNumber: /);
  });

  it('tolerates nulls and new enum values in optional fields', () => {
    const record = { id: '1', phoneNumber: '+18005550100', label: null, extension: null, status: 'Quarantined', primary: null };
    assert.equal(parseRecords([record], PhoneNumberSchema).valid.length, 1);
  });

  it('account info: tolerant, loose, only id required', () => {
    const account = sampleAccount();
    const result = parseAsReceived(AccountInfoSchema, account);
    assert.ok(result.success);
    if (result.success) {
      assert.equal(result.data, account);
      assert.equal(result.data.serviceInfo?.brand?.name, 'RingCentral');
      assert.deepEqual(Object.keys(result.data), Object.keys(account));
    }
    assert.ok(AccountInfoSchema.safeParse({ id: '1', status: 'SomeFutureStatus', regionalSettings: null, newThing: 1 }).success);
    assert.equal(AccountInfoSchema.safeParse({ uri: 'https://x' }).success, false);
  });

  it('who am I: extension info with admin permission and unknown owner-only fields', () => {
    const me = { id: 101, extensionNumber: '101', name: 'Ann Admin', contact: { email: 'ann@example.com' }, permissions: { admin: { enabled: true } }, serviceFeatures: [{ featureName: 'SMS', enabled: true }] };
    const result = parseAsReceived(ExtensionInfoSchema, me);
    assert.ok(result.success && result.data.permissions?.admin?.enabled === true && result.data.serviceFeatures === me.serviceFeatures);
  });

  it('envelope: missing totals fine, malformed paging dropped, malformed navigation fails loudly', () => {
    assert.equal(ListEnvelopeSchema.parse({ records: [], paging: { page: 1, perPage: 1000 } }).paging?.totalPages, undefined);
    assert.equal(ListEnvelopeSchema.parse({ records: [], paging: { page: '1', totalPages: null } }).paging?.page, undefined);
    assert.equal(ListEnvelopeSchema.parse({ records: [], paging: 'weird' }).paging, undefined);
    assert.equal(ListEnvelopeSchema.safeParse({ records: [], navigation: { nextPage: {} } }).success, false);
    assert.equal(ListEnvelopeSchema.safeParse({ records: 'x' }).success, false);
    assert.equal(ListEnvelopeSchema.safeParse({}).success, false);
  });

  it('parses 100,000 phone numbers quickly', () => {
    const records = manyPhoneNumbers(100_000);
    parseRecords(records.slice(0, 1000), PhoneNumberSchema); // warm up zod's compiled validator
    const start = performance.now();
    const { valid, invalid } = parseRecords(records, PhoneNumberSchema);
    const ms = performance.now() - start;
    console.log(`      parseRecords(100,000 phone numbers): ${ms.toFixed(0)} ms`);
    assert.equal(valid.length, 100_000);
    assert.equal(invalid.length, 0);
    // Generous bound: it guards against an accidental O(n²), not against a slow CI machine.
    assert.ok(ms < 5000, `took ${ms} ms`);
  });
});
