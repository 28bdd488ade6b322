/** Every id the manifest and the code share. A test checks package.json against these. */

export const EXTENSION_ID = 'ringcentral-explorer.ringcentral-explorer';
export const AUTH_PROVIDER_ID = 'ringcentral';
export const AUTH_PROVIDER_LABEL = 'RingCentral';
export const OUTPUT_CHANNEL_NAME = 'RingCentral';

export const Views = {
  container: 'ringcentral',
  account: 'ringcentral.account',
  phoneNumbers: 'ringcentral.phoneNumbers',
} as const;

export const Commands = {
  signIn: 'ringcentral.signIn',
  signOut: 'ringcentral.signOut',
  forgetCredentials: 'ringcentral.forgetCredentials',
  refresh: 'ringcentral.refresh',
  exportPhoneNumbersJson: 'ringcentral.exportPhoneNumbersJson',
  exportPhoneNumbersCsv: 'ringcentral.exportPhoneNumbersCsv',
  exportAccountJson: 'ringcentral.exportAccountJson',
  copyRequestPowerShell: 'ringcentral.copyRequestPowerShell',
  copyRequestCurl: 'ringcentral.copyRequestCurl',
  callApi: 'ringcentral.callApi',
  filterPhoneNumbers: 'ringcentral.filterPhoneNumbers',
  clearFilter: 'ringcentral.clearFilter',
  showLogs: 'ringcentral.showLogs',
  copyNumber: 'ringcentral.copyNumber',
  copyAsJson: 'ringcentral.copyAsJson',
} as const;

export const Settings = {
  section: 'ringcentral',
  server: 'server',
  authFlow: 'authFlow',
  pageSize: 'pageSize',
  redirectUri: 'authorizationCode.redirectUri',
  requestTimeout: 'requestTimeout',
} as const;

/** Full keys as they appear in settings.json. */
export const SettingKeys = {
  server: `${Settings.section}.${Settings.server}`,
  authFlow: `${Settings.section}.${Settings.authFlow}`,
  pageSize: `${Settings.section}.${Settings.pageSize}`,
  redirectUri: `${Settings.section}.${Settings.redirectUri}`,
  requestTimeout: `${Settings.section}.${Settings.requestTimeout}`,
} as const;

export const ContextKeys = {
  signedIn: 'ringcentral.signedIn',
  filtered: 'ringcentral.filtered',
} as const;

export const ContextValues = {
  phoneNumber: 'phoneNumber',
  usageGroup: 'usageGroup',
  accountField: 'accountField',
} as const;

export const DEFAULT_SERVER = 'https://platform.ringcentral.com';
