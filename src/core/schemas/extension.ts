import * as z from 'zod';
import { flag, id, nested, text } from './common';

const enabled = nested({ enabled: flag });

/**
 * An extension: a record of `GET /account/~/extension` and also `GET /account/~/extension/~`
 * ("who am I"), which has the same shape plus fields only the owner sees. `id` is required; the
 * rest is optional, nullable and open, and unknown fields are kept.
 */
export const ExtensionInfoSchema = z.looseObject({
  id,
  uri: text,
  extensionNumber: text,
  name: text,
  type: text,
  subType: text,
  status: text,
  partnerId: text,
  account: nested({ id: id.nullish(), uri: text }),
  contact: nested({
    firstName: text,
    lastName: text,
    company: text,
    email: text,
    businessPhone: text,
    mobilePhone: text,
    emailAsLoginName: flag,
  }),
  permissions: nested({ admin: enabled, internationalCalling: enabled }),
  profileImage: nested({ uri: text }),
});

export type ExtensionInfo = z.infer<typeof ExtensionInfoSchema>;
