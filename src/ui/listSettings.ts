import * as vscode from 'vscode';
import { Settings, SettingKeys } from './ids';

export interface ListSettings {
  /** Keep loaded lists on disk (global storage) and show them at once in new windows. */
  keepOnDisk: boolean;
  /** A kept list older than this is shown, then loaded again from RingCentral. */
  maxAgeMs: number;
}

export const DEFAULT_MAX_AGE_MINUTES = 60;

/** Reads the kept-list settings (application scope: global storage is shared by every window, local or remote). */
export function readListSettings(): ListSettings {
  const config = vscode.workspace.getConfiguration(Settings.section);
  const minutes = config.get<number>(Settings.listMaxAgeMinutes, DEFAULT_MAX_AGE_MINUTES);
  return {
    keepOnDisk: config.get<boolean>(Settings.keepListsOnDisk, true) !== false,
    maxAgeMs: (Number.isFinite(minutes) ? Math.min(Math.max(0, minutes), 7 * 24 * 60) : DEFAULT_MAX_AGE_MINUTES) * 60_000,
  };
}

export function affectsListSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SettingKeys.keepListsOnDisk) || e.affectsConfiguration(SettingKeys.listMaxAgeMinutes);
}
