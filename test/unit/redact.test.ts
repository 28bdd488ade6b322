import assert from 'node:assert/strict';
import { Redactor } from '../../src/core/redact';
import { validateServerUrl } from '../../src/core/serverUrl';
import { RingCentralError } from '../../src/core/errors';

describe('redactor', () => {
  it('masks registered secrets and anything shaped like a credential', () => {
    const r = new Redactor();
    r.add('S3CR3T-VALUE', 'abc', undefined);
    const out = r.redact('secret S3CR3T-VALUE, Authorization: Bearer U0hBQkNEMTIzNDU2Nzg5, body grant_type=password&password=hunter22&x=1 {"refresh_token":"rt-1234567"} abc');
    assert.doesNotMatch(out, /S3CR3T|U0hBQkNE|hunter22|rt-1234567/);
    assert.match(out, /abc$/, 'too short to be a secret: left alone');
    assert.deepEqual(r.known(), ['S3CR3T-VALUE']);
  });
});

describe('server URL setting', () => {
  it('accepts https and loopback http, normalised to the origin', () => {
    assert.equal(validateServerUrl('https://platform.ringcentral.com/'), 'https://platform.ringcentral.com');
    assert.equal(validateServerUrl('https://platform.ringcentral.biz/restapi'), 'https://platform.ringcentral.biz');
    assert.equal(validateServerUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.equal(validateServerUrl('http://localhost:9'), 'http://localhost:9');
  });

  it('refuses plain http to another host, credentials in the URL, and non-URLs', () => {
    for (const bad of ['http://platform.ringcentral.com', 'http://10.0.0.5', 'https://user:pw@platform.ringcentral.com', 'ftp://x', 'not a url']) {
      assert.throws(() => validateServerUrl(bad), (e: unknown) => e instanceof RingCentralError && e.kind === 'config' && e.action === 'checkServer', bad);
    }
  });
});

describe('redactor: credential shapes beyond registered secrets', () => {
  const r = new Redactor();
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3BsYXRmb3JtLnJpbmdjZW50cmFsLmNvbSJ9.c2lnbmF0dXJlLXBhcnQtMTIz';

  it('masks camelCase secret keys in JSON and in printed objects', () => {
    const out = r.redact(`{"accessToken":"AT-1234567","refreshToken":"RT-7654321","clientSecret":"CS-abcdefg","idToken":"ID-x\\"y12345","codeVerifier":"CV-0987654"} session { accessToken: 'AT-inspect1', refreshToken: "RT-inspect2", clientSecret: CS-plain-99 }`);
    assert.doesNotMatch(out, /AT-1234567|RT-7654321|CS-abcdefg|ID-x|y12345|CV-0987654|AT-inspect1|RT-inspect2|CS-plain-99/, out);
    assert.match(out, /"accessToken":"‹redacted›"/);
  });

  it('masks the revoke form\'s token= field, auth codes in queries, and JWT-shaped strings anywhere', () => {
    const out = r.redact(`POST /restapi/oauth/revoke token=U0pDMTFQMDFQQVMw&client_id=abc; GET /callback?code=AUTH-CODE-123&state=s1; the credential ${jwt} was refused`);
    assert.doesNotMatch(out, /U0pDMTFQMDFQQVMw|AUTH-CODE-123|eyJhbGciOiJSUzI1NiJ9|c2lnbmF0dXJl/, out);
    assert.match(out, /client_id=abc/, 'the client id is not a secret');
    assert.match(out, /state=s1/);
  });

  it('keeps error codes and ordinary words', () => {
    const text = '{"errorCode":"OAU-213","code":"OAU-213"} errorCode=CMN-408 refused (OAU-211): sign in again; tokens were rotated';
    assert.equal(r.redact(text), text);
  });
});
