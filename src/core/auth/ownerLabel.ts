import type { RestClient } from '../http/restClient';
import { ExtensionInfoSchema, type ExtensionInfo } from '../schemas/extension';

/** "Name (ext. 101)": who a session belongs to, as the Accounts menu and the Account view show it. */
export function whoIs(me: Pick<ExtensionInfo, 'name' | 'extensionNumber' | 'contact'>): string | undefined {
  const name = me.name?.trim() || me.contact?.email || undefined;
  if (!name) return undefined;
  return me.extensionNumber ? `${name} (ext. ${me.extensionNumber})` : name;
}

/**
 * Who a new token belongs to, asked once with that token (it is not stored yet, so it cannot go through the token
 * manager). A failure only costs the name: the session is not held up for it.
 */
export async function ownerLabel(client: RestClient, token: string): Promise<string | undefined> {
  try {
    const res = await client.request({ method: 'GET', path: '/restapi/v1.0/account/~/extension/~', auth: { kind: 'bearer', token }, retry: false });
    const me = ExtensionInfoSchema.safeParse(res.body);
    return me.success ? whoIs(me.data) : undefined;
  } catch {
    return undefined;
  }
}
