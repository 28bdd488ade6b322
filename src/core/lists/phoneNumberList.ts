import { PHONE_NUMBER_COLUMNS } from '../export/csv';
import { PhoneNumberSchema, type PhoneNumber } from '../schemas/phoneNumber';
import { humanize, type ListDescriptor } from './listDescriptor';

/** Usage types in the order an admin looks for them; anything newer follows alphabetically. */
const USAGE_ORDER = [
  'MainCompanyNumber',
  'AdditionalCompanyNumber',
  'CompanyNumber',
  'DirectNumber',
  'CompanyFaxNumber',
  'ForwardedNumber',
  'ForwardedCompanyNumber',
  'ContactCenterNumber',
  'ConferencingNumber',
  'MeetingsNumber',
  'BusinessMobileNumber',
];

/** Records without a usage type (older servers, partial answers) still get a group. */
export const OTHER_USAGE = 'Other';

/**
 * The company number list, `GET /account/~/phone-number` (Heavy: 10 requests a minute on the platform's default
 * plan). Grouped by usage type; a number is named by its E.164 form.
 */
export const phoneNumberList: ListDescriptor<PhoneNumber> = {
  id: 'phoneNumbers',
  title: 'Phone Numbers',
  noun: { one: 'number', many: 'numbers' },
  path: '/restapi/v1.0/account/~/phone-number',
  query: {},
  group: 'Heavy',
  schema: PhoneNumberSchema,
  key: (n) => String(n.id),
  label: (n) => n.phoneNumber,
  groupOf: (n) => n.usageType ?? OTHER_USAGE,
  groupLabel: humanize,
  groupOrder: USAGE_ORDER,
  searchText: (n) => [n.phoneNumber, n.label, n.usageType, n.status, n.type, n.paymentType, n.extension?.extensionNumber, n.extension?.name, n.location],
  phoneNumbers: (n) => [n.phoneNumber],
  exports: { json: 'phone-numbers.json', csv: 'phone-numbers.csv', csvColumns: PHONE_NUMBER_COLUMNS },
};

/** The extension a number is assigned to, as a join key; undefined for numbers nobody has. */
export function extensionIdOf(n: PhoneNumber): string | undefined {
  const id = n.extension?.id;
  return id === undefined || id === null ? undefined : String(id);
}
