/** Phone number records shaped like the platform's, for volume tests (every tenth label needs CSV quoting). */
export function manyPhoneNumbers(n: number): Record<string, unknown>[] {
  const usage = ['DirectNumber', 'MainCompanyNumber', 'CompanyNumber', 'CompanyFaxNumber'];
  return Array.from({ length: n }, (_, i) => ({
    uri: `https://platform.ringcentral.com/restapi/v1.0/account/403220008/phone-number/${1000000 + i}`,
    id: 1000000 + i,
    phoneNumber: `+1650${String(i).padStart(7, '0')}`,
    paymentType: 'Local',
    location: 'San Mateo, CA',
    type: 'VoiceFax',
    usageType: usage[i % usage.length],
    status: 'Normal',
    label: i % 10 === 0 ? `Desk "${i}", floor 2` : `Line ${i}`,
    primary: i === 0,
    ...(i % 3 === 0 ? {} : { extension: { id: 2000 + i, uri: `https://platform.ringcentral.com/restapi/v1.0/account/403220008/extension/${2000 + i}`, extensionNumber: String(100 + (i % 900)), name: `User ${i}` } }),
    country: { id: '1', uri: 'https://platform.ringcentral.com/restapi/v1.0/dictionary/country/1', name: 'United States' },
  }));
}
