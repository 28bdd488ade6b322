/** Every id the manifest and the code share. A test checks package.json against these. */

export const EXTENSION_ID = 'ringcentral-explorer.ringcentral-explorer';
export const AUTH_PROVIDER_ID = 'ringcentral';
export const AUTH_PROVIDER_LABEL = 'RingCentral';
export const OUTPUT_CHANNEL_NAME = 'RingCentral';

export const Views = {
  container: 'ringcentral',
  account: 'ringcentral.account',
  phoneNumbers: 'ringcentral.phoneNumbers',
  users: 'ringcentral.users',
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
  exportUsersJson: 'ringcentral.exportUsersJson',
  exportUsersCsv: 'ringcentral.exportUsersCsv',
  exportUsersWithNumbersCsv: 'ringcentral.exportUsersWithNumbersCsv',
  filterUsers: 'ringcentral.filterUsers',
  clearUsersFilter: 'ringcentral.clearUsersFilter',
  revealUser: 'ringcentral.revealUser',
  revealNumber: 'ringcentral.revealNumber',
  showMore: 'ringcentral.showMore',
  generatePowerShellScript: 'ringcentral.generatePowerShellScript',
  getStarted: 'ringcentral.getStarted',
} as const;

/** The getting-started walkthrough (contributes.walkthroughs) and its steps. */
export const Walkthrough = {
  id: 'gettingStarted',
  steps: { createApp: 'createApp', createJwt: 'createJwt', signIn: 'signIn', seeNumbers: 'seeNumbers', exportCsv: 'exportCsv', powershell: 'powershell' },
} as const;

export const Settings = {
  section: 'ringcentral',
  server: 'server',
  authFlow: 'authFlow',
  pageSize: 'pageSize',
  redirectUri: 'authorizationCode.redirectUri',
  requestTimeout: 'requestTimeout',
  keepListsOnDisk: 'lists.keepOnDisk',
  listMaxAgeMinutes: 'lists.maxAgeMinutes',
} as const;

/** Full keys as they appear in settings.json. */
export const SettingKeys = {
  server: `${Settings.section}.${Settings.server}`,
  authFlow: `${Settings.section}.${Settings.authFlow}`,
  pageSize: `${Settings.section}.${Settings.pageSize}`,
  redirectUri: `${Settings.section}.${Settings.redirectUri}`,
  requestTimeout: `${Settings.section}.${Settings.requestTimeout}`,
  keepListsOnDisk: `${Settings.section}.${Settings.keepListsOnDisk}`,
  listMaxAgeMinutes: `${Settings.section}.${Settings.listMaxAgeMinutes}`,
} as const;

export const ContextKeys = {
  signedIn: 'ringcentral.signedIn',
  filtered: 'ringcentral.filtered',
  usersFiltered: 'ringcentral.usersFiltered',
} as const;

export const ContextValues = {
  phoneNumber: 'phoneNumber',
  /** A number assigned to an extension: "Reveal User" applies. */
  assignedPhoneNumber: 'phoneNumber.assigned',
  extension: 'extension',
  /** An extension with numbers: "Reveal Number" applies. */
  extensionWithNumbers: 'extension.withNumbers',
  showMore: 'showMore',
  usageGroup: 'usageGroup',
  accountField: 'accountField',
} as const;

export const DEFAULT_SERVER = 'https://platform.ringcentral.com';
