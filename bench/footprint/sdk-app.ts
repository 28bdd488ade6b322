/**
 * The smallest program that does our job with `@ringcentral/sdk`: sign in with a JWT credential and page through
 * every company phone number. The footprint scenario bundles it with esbuild and compares it with our bundles.
 * It runs only when RC_BENCH_RUN=1, so that loading the bundle can be timed on its own.
 */
import { SDK } from '@ringcentral/sdk';

interface ListBody {
  records: unknown[];
  navigation?: { nextPage?: { uri?: string } };
}

export async function main(env: NodeJS.ProcessEnv): Promise<number> {
  const sdk = new SDK({ server: env.RC_SERVER, clientId: env.RC_CLIENT_ID, clientSecret: env.RC_CLIENT_SECRET, handleRateLimit: true });
  const platform = sdk.platform();
  await platform.login({ jwt: env.RC_JWT ?? '' });
  let count = 0;
  let url: string | undefined = '/restapi/v1.0/account/~/phone-number';
  let query: Record<string, number> | undefined = { perPage: 1000 };
  while (url) {
    const body = (await (await platform.get(url, query)).json()) as ListBody;
    count += body.records.length;
    url = body.records.length > 0 ? body.navigation?.nextPage?.uri : undefined;
    query = undefined;
  }
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
