import { RingCentralError } from './errors';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Credentials only ever go to an https server, or to plain http on this machine (local emulators): a mistyped or
 * planted http:// URL must not carry a client secret across the network.
 */
export function validateServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw configError(`"${raw}" is not a URL.`);
  }
  if (url.username || url.password) throw configError('The server URL must not contain a user name or password.');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw configError(`${url.host} is not secure: plain http:// is allowed only for loopback hosts (127.0.0.1, localhost).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw configError(`${url.protocol} is not a web address.`);
  return `${url.protocol}//${url.host}`;
}

function configError(message: string): RingCentralError {
  return new RingCentralError({
    kind: 'config',
    message: `The ringcentral.server setting is not allowed: ${message}`,
    hint: 'Set ringcentral.server to https://platform.ringcentral.com (or https://platform.ringcentral.biz, or your own https:// URL) in your user settings.',
    action: 'checkServer',
  });
}
