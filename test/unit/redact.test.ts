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
