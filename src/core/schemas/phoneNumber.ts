import * as z from 'zod';
import { flag, id, nested, ref, text } from './common';

/**
 * A record of `GET /account/~/phone-number` (v1; the v2 shape with `tollType` and string ids also
 * passes). Only `id` and `phoneNumber` are required: a number without them cannot be shown or
 * exported meaningfully. Everything else is optional, may be null, and unknown fields are kept.
 */
export const PhoneNumberSchema = z.looseObject({
  id,
  phoneNumber: z.string().min(1),
  uri: text,
  paymentType: text,
  tollType: text,
  type: text,
  usageType: text,
  status: text,
  label: text,
  location: text,
  primary: flag,
  byocNumber: flag,
  vanityPattern: text,
  activationStatus: text,
  callerIdName: text,
  extension: nested({ id: id.nullish(), uri: text, extensionNumber: text, name: text, partnerId: text }),
  temporaryNumber: nested({ id: id.nullish(), phoneNumber: text }),
  contactCenterProvider: nested({ id: id.nullish(), name: text }),
  country: ref,
});

export type PhoneNumber = z.infer<typeof PhoneNumberSchema>;
