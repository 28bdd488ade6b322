import * as z from 'zod';
import { flag, id, nested, ref, text } from './common';

const enabled = nested({ enabled: flag });

/**
 * An extension: a record of `GET /account/~/extension` (`GetExtensionListInfoResponse` in the spec) and also
 * `GET /account/~/extension/~` ("who am I"), which has the same shape plus fields only the owner sees. `id` is
 * required; the rest is optional, nullable and open (the spec lists 20 types and 5 statuses and adds more), and
 * unknown fields are kept. Real lists are heterogeneous: parking locations and IVR menus come without `contact`,
 * unassigned extensions without `extensionNumber`, many records without an email.
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
  hidden: flag,
  account: nested({ id: id.nullish(), uri: text }),
  contact: nested({
    firstName: text,
    lastName: text,
    name: text,
    company: text,
    jobTitle: text,
    email: text,
    businessPhone: text,
    mobilePhone: text,
    emailAsLoginName: flag,
    department: text,
  }),
  permissions: nested({ admin: enabled, internationalCalling: enabled }),
  profileImage: nested({ uri: text }),
  site: ref,
  costCenter: nested({ id: id.nullish(), name: text }),
  assignedCountry: ref,
});

export type ExtensionInfo = z.infer<typeof ExtensionInfoSchema>;
