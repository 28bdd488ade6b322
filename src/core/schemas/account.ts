import * as z from 'zod';
import { flag, id, nested, ref, text } from './common';

const country = nested({ id: id.nullish(), uri: text, name: text, isoCode: text, callingCode: text });

/**
 * `GET /account/~`. One object drives the whole Account view, so only `id` is required and every
 * other field is optional, nullable and open (new statuses, new fields): a surprise in some corner
 * of the response must not blank the view. Unknown fields are kept for "copy as JSON".
 */
export const AccountInfoSchema = z.looseObject({
  id,
  uri: text,
  mainNumber: text,
  status: text,
  bsid: text,
  partnerId: text,
  cfid: text,
  federated: flag,
  outboundCallPrefix: z.number().nullish(),
  setupWizardState: text,
  operator: nested({ id: id.nullish(), uri: text, extensionNumber: text, partnerId: text }),
  serviceInfo: nested({
    uri: text,
    brand: nested({ id: id.nullish(), name: text, homeCountry: country }),
    servicePlan: nested({ id: id.nullish(), name: text, edition: text }),
    billingPlan: nested({ id: id.nullish(), name: text, durationUnit: text, type: text }),
    contractedCountry: country,
  }),
  regionalSettings: nested({
    timezone: nested({ id: id.nullish(), uri: text, name: text, description: text, bias: id.nullish() }),
    homeCountry: country,
    language: ref,
    formattingLocale: ref,
    timeFormat: text,
  }),
  signupInfo: nested({}),
  statusInfo: nested({}),
  limits: nested({}),
});

export type AccountInfo = z.infer<typeof AccountInfoSchema>;
