import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkApiPath } from '../../src/core/apiPath';
import { RingCentralError } from '../../src/core/errors';
import { isLoopbackHost, validateServerUrl } from '../../src/core/serverUrl';

/** Strings that look like server URLs often enough to reach every branch, and anything else. */
const urlish = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(fc.constantFrom('http://', 'https://', 'HTTP://', 'ftp://', 'javascript:', '//', ''), fc.constantFrom('127.0.0.1', 'localhost', '[::1]', '127.9.9.9', '10.0.0.1', 'platform.ringcentral.com', 'user:pw@127.0.0.1', '127.0.0.1.evil.test', 'localhost.', ''), fc.constantFrom('', ':8080', ':0', ':99999', '/restapi', '?x=1', '#f', ' ')).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('server URL validation (properties)', () => {
  it('either refuses with a config error, or yields an origin that is https or plain http on loopback, without credentials', () => {
    fc.assert(
      fc.property(urlish, (raw) => {
        let origin: string;
        try {
          origin = validateServerUrl(raw);
        } catch (e) {
          assert.ok(e instanceof RingCentralError, `not a typed error for ${JSON.stringify(raw)}: ${String(e)}`);
          assert.equal(e.kind, 'config');
          assert.equal(e.action, 'checkServer');
          return;
        }
        const url = new URL(origin);
        assert.equal(url.origin, origin, 'an origin, nothing after it');
        assert.equal(url.username + url.password, '');
        assert.ok(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)), origin);
        assert.equal(validateServerUrl(origin), origin, 'validating again changes nothing');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('Call API path validation (properties)', () => {
  const servers = ['https://platform.ringcentral.com', 'http://127.0.0.1:5555', 'https://platform.ringcentral.biz'];
  const pathish = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.webPath().map((p) => `/restapi/v1.0${p}`),
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.tuple(fc.constantFrom('', '/', '//', '\\', 'restapi/', '/restapi/', 'http://', 'https://x/', 'file:', ' '), fc.string({ maxLength: 20 }), fc.constantFrom('', '?a=1', '#x', '/../..', '/%2e%2e/', '\n')).map((p) => p.join('')),
  );

  it('never throws: any input is a path under /restapi/ on the signed-in server, or a message for the input box', () => {
    fc.assert(
      fc.property(pathish, fc.constantFrom(...servers), (input, server) => {
        const check = checkApiPath(input);
        if ('problem' in check) {
          assert.ok(check.problem.length > 10 && check.problem.length < 200, check.problem);
          return;
        }
        assert.match(check.path, /^\/restapi\/[^/?]/);
        // The client joins server and path with the URL parser (RestClient.url): it must stay on the server.
        const url = new URL(server + check.path);
        assert.equal(url.origin, new URL(server).origin, `${input} → ${check.path}`);
        assert.ok(url.pathname.startsWith('/restapi/'), url.pathname);
        assert.deepEqual(checkApiPath(check.path), check, 'a checked path checks the same again');
      }),
      { numRuns: 1000 },
    );
  });

  it('the input that threw a TypeError before (a bare "http://") and its kin are validation messages', () => {
    for (const input of ['http://', 'https://', 'https://[', 'http://x:99999/restapi/v1.0', 'file:///etc/passwd', '//evil.test/restapi/v1.0/account', '/restapi/v1.0/../../x']) {
      const check = checkApiPath(input);
      assert.ok('problem' in check, `${input} → ${JSON.stringify(check)}`);
    }
    assert.deepEqual(checkApiPath('account/~/extension?perPage=10'), { path: '/restapi/v1.0/account/~/extension?perPage=10' });
    assert.deepEqual(checkApiPath('https://platform.ringcentral.com/restapi/v1.0/account/~'), { path: '/restapi/v1.0/account/~' });
  });
});
