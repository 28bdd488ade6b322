/**
 * The same job as sdk-app.ts with our core (sign in with a JWT credential, page through every company number),
 * bundled the same way, so the footprint comparison has a like-for-like row besides the whole extension.
 * It runs only when RC_BENCH_RUN=1.
 */
import { RingCentralApi } from '../../src/core/api/ringCentralApi';
import { MemorySessionStore } from '../../src/core/auth/sessionStore';
import { TokenManager } from '../../src/core/auth/tokenManager';
import { RestClient } from '../../src/core/http/restClient';
import { fetchTransport } from '../../src/core/http/transport';

export async function main(env: NodeJS.ProcessEnv): Promise<number> {
  // Node's built-in fetch, as the extension uses VS Code's: undici is not bundled.
  const client = new RestClient({ server: env.RC_SERVER ?? '', transport: fetchTransport(globalThis.fetch) });
  const app = { clientId: env.RC_CLIENT_ID ?? '', clientSecret: env.RC_CLIENT_SECRET ?? '' };
  const tokens = new TokenManager({ client, store: new MemorySessionStore(), app: () => Promise.resolve(app) });
  await tokens.signIn({ type: 'jwt', assertion: env.RC_JWT ?? '' });
  let count = 0;
  for await (const page of new RingCentralApi(client, tokens).phoneNumbers()) count += page.numbers.length;
  return count;
}

if (process.env.RC_BENCH_RUN === '1') {
  main(process.env).then(
    (count) => console.log(JSON.stringify({ count })),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
